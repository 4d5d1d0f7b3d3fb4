/*
 * A tiny element builder. Everything goes through textContent and setAttribute, never innerHTML: catalog text
 * and reviewers' comments are data, and the CSP forbids inline handlers anyway.
 */
export type Child = Node | string | number | null | undefined | false | readonly Child[];
type Listener = (event: never) => void;
export type Attrs = Record<string, string | number | boolean | null | undefined | Listener>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  let value: string | undefined;
  for (const [key, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (typeof v === 'function') el.addEventListener(key.slice(2).toLowerCase(), v as EventListener);
    else if (key === 'value') value = String(v);
    else el.setAttribute(key, v === true ? '' : String(v));
  }
  append(el, children);
  // A select's value can only be set once its options exist.
  if (value !== undefined) (el as unknown as HTMLInputElement).value = value;
  return el;
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (child instanceof Node) parent.appendChild(child);
    else parent.appendChild(document.createTextNode(String(child)));
  }
}

export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

export const byId = <T extends HTMLElement = HTMLElement>(id: string): T | null =>
  document.getElementById(id) as T | null;

/** Moves focus somewhere that is not normally focusable, such as a heading or a summary box. */
export function focusElement(el: HTMLElement | null): void {
  if (!el) return;
  if (!el.hasAttribute('tabindex') && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(el.tagName)) {
    el.setAttribute('tabindex', '-1');
  }
  el.focus();
  el.scrollIntoView({ block: 'center' });
}

/** A table's head row: one column header per label, and whatever cells follow (an actions column). */
export const columnHeads = (labels: readonly string[], ...more: Child[]): HTMLElement =>
  h(
    'thead',
    null,
    h(
      'tr',
      null,
      labels.map((l) => h('th', { scope: 'col' }, l)),
      ...more,
    ),
  );
