// A tiny document model, so the Markdown and the HTML report are two renderings of one content
// and never drift apart.

export type Block =
  | { readonly h: 1 | 2 | 3; readonly text: string; readonly id?: string }
  | { readonly p: string }
  | { readonly table: { readonly head: readonly string[]; readonly rows: readonly (readonly string[])[]; readonly classes?: readonly (readonly string[])[] } }
  | { readonly svg: string; readonly caption: string }
  | { readonly details: { readonly summary: string; readonly blocks: readonly Block[] } }
  | { readonly pre: string };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const mdCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function toMarkdown(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    if ('h' in b) out.push(`${'#'.repeat(b.h)} ${b.text}`, '');
    else if ('p' in b) out.push(b.p, '');
    else if ('table' in b) {
      out.push(`| ${b.table.head.map(mdCell).join(' | ')} |`, `|${b.table.head.map(() => '---').join('|')}|`);
      for (const r of b.table.rows) out.push(`| ${r.map(mdCell).join(' | ')} |`);
      out.push('');
    } else if ('svg' in b) out.push(`*${b.caption}: see index.html for the figure.*`, '');
    else if ('details' in b) out.push(`<details><summary>${esc(b.details.summary)}</summary>`, '', toMarkdown(b.details.blocks), '</details>', '');
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
      out.push('<table><thead><tr>' + b.table.head.map((h) => `<th>${esc(h)}</th>`).join('') + '</tr></thead><tbody>');
      b.table.rows.forEach((r, ri) => out.push('<tr>' + r.map((c, ci) => `<td${cls(ri, ci) ? ` class="${cls(ri, ci)}"` : ''}>${esc(c)}</td>`).join('') + '</tr>'));
      out.push('</tbody></table>');
    } else if ('svg' in b) out.push(`<figure>${b.svg.replace(/<\?xml[^>]*\?>/, '').replace(/<!DOCTYPE[^>]*>/, '')}<figcaption>${esc(b.caption)}</figcaption></figure>`);
    else if ('details' in b) out.push(`<details><summary>${esc(b.details.summary)}</summary>${toHtmlBody(b.details.blocks)}</details>`);
    else out.push(`<pre>${esc(b.pre)}</pre>`);
  }
  return out.join('\n');
}

const CSS = `body{font:14px/1.45 system-ui,sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.2em;font-size:12.5px}th,td{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f0f3f7}td.ok{background:#e3f4e1}td.bad{background:#f9dcdc}td.warn{background:#fff3cd}td.info{background:#e4eefb}
details{margin:.3em 0 .6em}summary{cursor:pointer}pre{background:#f6f6f6;padding:.6em;overflow:auto}figure{margin:1em 0}svg{max-width:100%;height:auto}`;

export function toHtml(title: string, blocks: readonly Block[]): string {
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${CSS}</style></head><body>\n${toHtmlBody(blocks)}\n</body></html>\n`;
}
