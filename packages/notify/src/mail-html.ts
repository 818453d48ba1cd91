/** HTML for our mail: one plain layout, every value escaped. No names, no victim data. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

export interface TMailSection {
  heading: string;
  /** Paragraphs, as plain text. */
  paragraphs?: string[];
  /** A definition list: label → value. */
  facts?: [string, string][];
  /** A list of lines, each optionally a link. */
  items?: { text: string; href?: string }[];
}

/** A simple, accessible HTML mail: a title, sections and an optional call to action. */
export function renderMailHtml(input: {
  title: string;
  sections: TMailSection[];
  action?: { label: string; href: string };
}): string {
  const parts = [
    '<!doctype html>',
    '<html lang="en-GB"><head><meta charset="utf-8">',
    `<title>${escapeHtml(input.title)}</title></head>`,
    '<body style="font-family: Arial, sans-serif; font-size: 16px; color: #0b0c0c; line-height: 1.4;">',
    `<h1 style="font-size: 24px;">${escapeHtml(input.title)}</h1>`,
  ];
  for (const section of input.sections) {
    parts.push(`<h2 style="font-size: 19px;">${escapeHtml(section.heading)}</h2>`);
    for (const paragraph of section.paragraphs ?? []) {
      parts.push(`<p>${escapeHtml(paragraph)}</p>`);
    }
    if (section.facts?.length) {
      parts.push('<table role="presentation" cellpadding="4">');
      for (const [label, value] of section.facts) {
        parts.push(
          `<tr><th scope="row" style="text-align: left; vertical-align: top;">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`,
        );
      }
      parts.push('</table>');
    }
    if (section.items?.length) {
      parts.push('<ul>');
      for (const item of section.items) {
        parts.push(
          item.href
            ? `<li><a href="${escapeHtml(item.href)}">${escapeHtml(item.text)}</a></li>`
            : `<li>${escapeHtml(item.text)}</li>`,
        );
      }
      parts.push('</ul>');
    }
  }
  if (input.action) {
    parts.push(
      `<p><a href="${escapeHtml(input.action.href)}" style="display: inline-block; background: #00703c; color: #ffffff; padding: 8px 12px; text-decoration: none;">${escapeHtml(input.action.label)}</a></p>`,
    );
  }
  parts.push('</body></html>', '');
  return parts.join('\n');
}
