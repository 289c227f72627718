import type { ReactElement } from 'react';
import { render } from '@react-email/render';

/**
 * An email as HTML and as its plain-text part. React escapes every value it renders, so text a
 * patient or staff wrote (reason, messages, names) can never become markup; templates must not
 * use dangerouslySetInnerHTML.
 */
export interface RenderedEmail {
  html: string;
  text: string;
}

// html-to-text upper-cases headings by default (STACK.md trap 13): "TURNO CONFIRMADO" reads as
// shouting in the text part, so headings keep their case.
const headingSelectors = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({
  selector,
  format: 'heading',
  options: { uppercase: false, leadingLineBreaks: 1, trailingLineBreaks: 1 },
}));

// Label/value lines (class "line" in emails/layout.tsx) one under the other, not a paragraph each.
const lineSelector = { selector: 'p.line', format: 'block', options: { leadingLineBreaks: 1, trailingLineBreaks: 1 } };

export async function renderEmail(element: ReactElement): Promise<RenderedEmail> {
  const [html, text] = await Promise.all([
    render(element),
    render(element, { plainText: true, htmlToTextOptions: { wordwrap: false, selectors: [...headingSelectors, lineSelector] } }),
  ]);
  return { html, text: text.replace(/\n{3,}/g, '\n\n').trim() };
}
