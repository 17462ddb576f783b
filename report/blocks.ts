// A tiny document model, so the Markdown and the HTML report are two renderings of one content
// and never drift apart.

export type Block =
  | { readonly h: 1 | 2 | 3; readonly text: string; readonly id?: string }
  | { readonly p: string }
  | { readonly table: { readonly head: readonly string[]; readonly rows: readonly (readonly string[])[]; readonly classes?: readonly (readonly string[])[];
      /** a cell's link target (an anchor in the report), where it has one */
      readonly links?: readonly (readonly (string | undefined)[])[] } }
  | { readonly svg: string; readonly caption: string }
  | { readonly details: { readonly summary: string; readonly blocks: readonly Block[]; readonly id?: string } }
  | { readonly pre: string }
  /** a list of links to anchors of the report (the table of contents) */
  | { readonly links: ReadonlyArray<{ readonly text: string; readonly href: string }> }
  /** what each cell colour means */
  | { readonly key: ReadonlyArray<{ readonly cls: string; readonly text: string }> };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const mdCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
/** Markdown has no colours: a cell of these classes carries a mark after its text instead. */
const MD_MARK: Readonly<Record<string, string>> = { bad: ' ✗', attack: ' [attack]', reading: ' [other reading]' };
const COLOUR: Readonly<Record<string, string>> = { ok: 'green', bad: 'red', attack: 'orange', reading: 'lilac' };

export function toMarkdown(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    if ('h' in b) out.push(`${'#'.repeat(b.h)} ${b.text}`, '');
    else if ('p' in b) out.push(b.p, '');
    else if ('table' in b) {
      const marked = (ri: number, ci: number, c: string) => (c === '' ? c : c + (MD_MARK[b.table.classes?.[ri]?.[ci] ?? ''] ?? ''));
      const link = (ri: number, ci: number, c: string) => (b.table.links?.[ri]?.[ci] ? `[${mdCell(marked(ri, ci, c))}](${b.table.links[ri][ci]})` : mdCell(marked(ri, ci, c)));
      out.push(`| ${b.table.head.map(mdCell).join(' | ')} |`, `|${b.table.head.map(() => '---').join('|')}|`);
      b.table.rows.forEach((r, ri) => out.push(`| ${r.map((c, ci) => link(ri, ci, c)).join(' | ')} |`));
      out.push('');
    } else if ('svg' in b) out.push(`*${b.caption}: see index.html for the figure.*`, '');
    else if ('links' in b) out.push(...b.links.map((l) => `- [${l.text}](${l.href})`), '');
    else if ('key' in b) out.push(`Colours in index.html, and the marks after a cell here: ${b.key.map((k) => `${COLOUR[k.cls] ?? 'yellow'}${MD_MARK[k.cls] ?? ''}: ${k.text}`).join('; ')}.`, '');
    else if ('details' in b) out.push(...(b.details.id ? [`<a id="${esc(b.details.id)}"></a>`, ''] : []), `<details><summary>${esc(b.details.summary)}</summary>`, '', toMarkdown(b.details.blocks), '</details>', '');
    else out.push('```', b.pre, '```', '');
  }
  return out.join('\n');
}

export function toHtmlBody(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    if ('h' in b) out.push(`<h${b.h}${b.id ? ` id="${esc(b.id)}"` : ''}>${esc(b.text)}</h${b.h}>`);
    else if ('p' in b) out.push(`<p>${esc(b.p)}</p>`);
    else if ('table' in b) {
      const cls = (r: number, c: number) => b.table.classes?.[r]?.[c];
      const body = (ri: number, ci: number, c: string) => (b.table.links?.[ri]?.[ci] ? `<a href="${esc(b.table.links[ri][ci]!)}">${esc(c)}</a>` : esc(c));
      // Each table scrolls inside its own box: a wide one never widens the page.
      out.push('<div class="scroll"><table><thead><tr>' + b.table.head.map((h) => `<th>${esc(h)}</th>`).join('') + '</tr></thead><tbody>');
      b.table.rows.forEach((r, ri) => out.push('<tr>' + r.map((c, ci) => `<td${cls(ri, ci) ? ` class="${cls(ri, ci)}"` : ''}>${body(ri, ci, c)}</td>`).join('') + '</tr>'));
      out.push('</tbody></table></div>');
    } else if ('svg' in b) out.push(`<figure>${b.svg.replace(/<\?xml[^>]*\?>/, '').replace(/<!DOCTYPE[^>]*>/, '')}<figcaption>${esc(b.caption)}</figcaption></figure>`);
    else if ('key' in b) out.push(`<p class="key">${b.key.map((k) => `<span class="${esc(k.cls)}">${esc(k.text)}</span>`).join('')}</p>`);
    else if ('links' in b) out.push(`<nav><ul>${b.links.map((l) => `<li><a href="${esc(l.href)}">${esc(l.text)}</a></li>`).join('')}</ul></nav>`);
    else if ('details' in b) out.push(`<details${b.details.id ? ` id="${esc(b.details.id)}"` : ''}><summary>${esc(b.details.summary)}</summary>${toHtmlBody(b.details.blocks)}</details>`);
    else out.push(`<pre>${esc(b.pre)}</pre>`);
  }
  return out.join('\n');
}

// The page fits a 1280 px window: the body is narrower, tables scroll in their own box, long
// words break, figures shrink. Colours: ok agrees with the claim; bad contradicts the paper's own
// claim; attack fails against an adversary outside the paper's trust model; reading fails under
// a reading the paper does not assert there; warn a limit or a skipped stage; info no claim.
const CSS = `body{font:14px/1.45 system-ui,sans-serif;max-width:1180px;margin:2em auto;padding:0 1em;color:#222;overflow-wrap:anywhere}
.scroll{max-width:100%;overflow-x:auto;margin:.5em 0 1.2em}
table{border-collapse:collapse;font-size:12.5px}th,td{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top;overflow-wrap:normal}
th{background:#f0f3f7}td.ok{background:#e3f4e1}td.bad{background:#f9dcdc}td.warn{background:#fff3cd}td.info{background:#e4eefb}
td.attack{background:#ffe2c2}td.reading{background:#ece4f7}.key span{display:inline-block;padding:1px 8px;margin:0 6px 4px 0;border:1px solid #ccc}
.key .ok{background:#e3f4e1}.key .bad{background:#f9dcdc}.key .attack{background:#ffe2c2}.key .reading{background:#ece4f7}.key .warn{background:#fff3cd}
nav ul{columns:2;margin:.3em 0 1em}details{margin:.3em 0 .6em}summary{cursor:pointer}pre{background:#f6f6f6;padding:.6em;overflow:auto;max-width:100%}
figure{margin:1em 0;max-width:100%;overflow-x:auto}svg{max-width:100%;height:auto}`;

/** Opens a trace's <details> when a link points at it (the findings' "one click away"). */
const OPEN_TARGET = `<script>function openTarget(){var e=document.getElementById(decodeURIComponent(location.hash.slice(1)));if(e&&e.tagName==='DETAILS'){e.open=true;e.scrollIntoView()}}addEventListener('hashchange',openTarget);addEventListener('DOMContentLoaded',openTarget)</script>`;

export function toHtml(title: string, blocks: readonly Block[]): string {
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title><style>${CSS}</style>${OPEN_TARGET}</head><body>\n${toHtmlBody(blocks)}\n</body></html>\n`;
}
