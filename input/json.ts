// Where a JSON input is broken, in the words of a file's reader: line, column and the kind of fault.
// V8's message can quote the document (a PHR's content, a key) and for an unexpected token gives
// no position at all; jsonc-parser's scanner, strict (no comments, no trailing commas), names the
// first fault and its offset. The PHR reader and the golden file's reader both say it this way.
import { type ParseError, parse as parseTolerant, printParseErrorCode } from 'jsonc-parser';

/** Where JSON.parse failed and what was wrong there ("at line 3, column 7: comma expected"), without
 *  quoting the document. */
export function jsonFault(text: string): string {
  const faults: ParseError[] = [];
  parseTolerant(text, faults, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = faults[0];
  let at = first?.offset;
  if (at === undefined) {
    let msg = '';
    try {
      JSON.parse(text);
    } catch (e) {
      msg = e instanceof Error ? e.message : '';
    }
    const m = /position (\d+)/.exec(msg);
    if (!m) return /end of JSON input/.test(msg) ? '(unexpected end of input)' : '(syntax error)';
    at = Number(m[1]);
  }
  const lines = text.slice(0, at).split('\n');
  const place = `at line ${lines.length}, column ${lines[lines.length - 1]!.length + 1}`;
  // 'CommaExpected' -> 'comma expected': the code's own words, never the document's
  return first ? `${place}: ${printParseErrorCode(first.error).replace(/(?<=[a-z])(?=[A-Z])/g, ' ').toLowerCase()}` : place;
}
