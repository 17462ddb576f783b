// Node's cipher returns every slice in a buffer of its own (it cannot write into one it is
// given), and a buffer's memory goes back to the allocator only when V8 collects it. V8 starts a
// collection for such memory once some 64 MB more of it exists than after the last one, so while a
// 64 MB record streams through, tens of MB of finished slices wait to be collected: the encryption
// peak was 2.3 to 2.5 times the record instead of its two copies (plaintext and C).
//
// A transfer detaches an ArrayBuffer (HTML "StructuredSerializeWithTransfer"), and a message posted
// on a closed port is serialised, for the transfer's sake, and then dropped (node: src/node_messaging.cc,
// MessagePort::PostMessage), which frees what it carried at once. So a slice copied out is
// released here, and the next slice gets the same, already mapped, memory back.

const closed = new MessageChannel().port1;
closed.close();

/**
 * Frees `b`'s memory now when `b` is the whole of an ArrayBuffer of its own (as node's cipher
 * output is); anything else (a view into a larger buffer, node's shared pool of small buffers, an
 * empty one) is left alone for the collector. Returns whether it was freed. `b` is unusable after.
 */
export function releaseNow(b: Uint8Array): boolean {
  const ab = b.buffer;
  if (!(ab instanceof ArrayBuffer) || b.byteOffset !== 0 || b.byteLength === 0 || ab.byteLength !== b.byteLength) return false;
  closed.postMessage(null, [ab]);
  return true;
}
