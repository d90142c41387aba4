/**
 * Active Directory's `objectGUID` is 16 bytes in Microsoft's mixed-endian GUID layout: the first
 * three groups (a 32-bit and two 16-bit integers) are little-endian, the last eight bytes are in
 * order. Its string form, what AD tools show and what this connector uses as the external id, is
 * therefore not the bytes' hex in order: `32c34a8c5f97…` reads `8c4ac332-975f-4717-…`.
 */

const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Byte order of the string form's hex digits pairs, as indexes into the 16 bytes.
const STRING_ORDER = [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15];

/** The GUID's string form (lower case), or null when `bytes` is not 16 bytes long. */
export function guidToString(bytes: Buffer): string | null {
  if (bytes.length !== 16) return null;
  const hex = STRING_ORDER.map((i) => bytes[i].toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The 16 bytes of a GUID's string form (braces allowed), or null when `guid` is not one. */
export function guidToBytes(guid: string): Buffer | null {
  const bare = guid.trim().replace(/^\{(.*)\}$/, '$1');
  if (!GUID_PATTERN.test(bare)) return null;
  const inOrder = Buffer.from(bare.replace(/-/g, ''), 'hex');
  const bytes = Buffer.alloc(16);
  STRING_ORDER.forEach((byteIndex, position) => (bytes[byteIndex] = inOrder[position]));
  return bytes;
}
