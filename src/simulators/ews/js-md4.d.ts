/**
 * The part of js-md4 0.3.2 (which ships no types) that the simulator uses. Only `create()` is
 * pure JavaScript: calling the module itself goes to OpenSSL's MD4, which Node 20 refuses.
 */
declare module 'js-md4' {
  interface Md4Hash {
    update(message: Uint8Array | string): Md4Hash;
    arrayBuffer(): ArrayBuffer;
  }
  interface Md4 {
    create(): Md4Hash;
  }
  const md4: Md4;
  export default md4;
}
