// The whole public API of the client, as a browser bundle.
export * from "@copernica-openapi/client";
