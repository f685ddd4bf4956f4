/** Every Node major the published packages support (package.json#engines is ">=20.19"). */
export declare const SUPPORTED_NODE_MAJORS: readonly number[];
/** The major of the Node running this code. */
export declare const currentMajor: number;
/**
 * The path of a Node binary of `major`: the running one when it is that major, otherwise the
 * one npx installs from the `node` package on the npm registry.
 */
export declare function findNode(major: number): { path: string; version: string };
/** The supported majors other than the running one: the rest of the matrix. */
export declare function otherMajors(): number[];
