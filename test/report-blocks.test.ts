// The report's blocks in Markdown, which has no colours: a cell's class becomes a mark after its
// text, and the key says which mark goes with which colour.
import { describe, expect, it } from 'vitest';
import { toMarkdown } from '../report/blocks.js';

describe('the report in Markdown', () => {
  it('marks the cells index.html colours as failures, attacks and other readings', () => {
    const md = toMarkdown([
      { key: [{ cls: 'ok', text: 'agrees' }, { cls: 'bad', text: 'contradicts' }, { cls: 'attack', text: 'fails against an adversary' }, { cls: 'reading', text: 'fails under another reading' }] },
      { table: { head: ['property', 'a', 'b', 'c', 'd'], rows: [['p', 'proved', 'VIOLATED (trace 7)', 'VIOLATED (trace 9)', 'witness (trace 3)']], classes: [['', 'ok', 'bad', 'attack', 'reading']] } },
    ]);
    expect(md).toContain('| p | proved | VIOLATED (trace 7) ✗ | VIOLATED (trace 9) [attack] | witness (trace 3) [other reading] |');
    expect(md).toContain('green: agrees; red ✗: contradicts; orange [attack]: fails against an adversary; lilac [other reading]: fails under another reading.');
  });
});
