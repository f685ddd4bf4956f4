// What most code imports: createCopernicaClient alone (the rest is tree-shaken away).
export { createCopernicaClient } from "@copernica-openapi/client";
