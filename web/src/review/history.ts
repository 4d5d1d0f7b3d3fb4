import type { CatalogField } from '#shared/catalog/types';
import { REVISION_ACTION_LABELS } from '#shared/contract/statuses';
import { h } from '../dom.ts';
import { formatValue } from '../format.ts';
import { L, fmtDateTime, fmtNumber } from '../i18n.ts';
import { person } from '../people.ts';
import type { PublicCatalog, Revision, RevisionSummary } from '../types.ts';
import { R } from './messages.ts';

/**
 * What one verification recorded: for each field, what the unit reported and the value the inspection team
 * verified (or only a comment), the rows where the two differ marked.
 */
function verificationTable(
  version: number,
  rev: Revision,
  fieldOf: (code: string) => CatalogField | undefined,
): HTMLElement {
  const entries = Object.entries(rev.verification ?? {});
  const changed = entries.filter(([f, e]) => e.value !== undefined && e.value !== rev.values[f]).length;
  return h(
    'div',
    { 'data-verification': version },
    h('p', null, L(R.verificationSummary(entries.length, changed))),
    h(
      'table',
      { class: 'table table--stack diff-table' },
      h('caption', { class: 'visually-hidden' }, L(R.verificationOf(version))),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          [R.field, R.reported, R.verified, R.comment].map((c) => h('th', { scope: 'col' }, L(c))),
        ),
      ),
      h(
        'tbody',
        null,
        entries.map(([field, e]) => {
          const f = fieldOf(field);
          const differs = e.value !== undefined && e.value !== rev.values[field];
          return h(
            'tr',
            {
              'data-verified-field': field,
              'data-changed': String(differs),
              class: differs ? 'row--differs' : undefined,
            },
            h('th', { scope: 'row', 'data-label': L(R.field) }, L(f?.label) || field),
            h('td', { 'data-label': L(R.reported) }, formatValue(f, rev.values[field])),
            h(
              'td',
              { 'data-label': L(R.verified) },
              e.value === undefined ? L(R.commentOnly) : formatValue(f, e.value),
            ),
            h('td', { 'data-label': L(R.comment) }, e.comment ?? ''),
          );
        }),
      ),
    ),
  );
}

/** Every revision, newest first; each one's diff is fetched when asked for (slow links pay only for what they read). */
export function historyList(
  catalog: PublicCatalog,
  /** Reads one revision with its diff. */
  revision: (version: number) => Promise<Revision>,
  versions: readonly RevisionSummary[],
  onError: (error: unknown) => void,
  /** The unit whose report it is: its users are named by it. */
  unitName: string,
): HTMLElement {
  const byCode = new Map(catalog.fields.map((f) => [f.code, f]));
  const items = [...versions].sort((a, b) => b.version - a.version);
  return h(
    'ol',
    { class: 'history', reversed: true },
    items.map((v) => {
      const diffBox = h('div', { class: 'history__diff', id: `diff-${v.version}`, hidden: true });
      const toggle = h(
        'button',
        {
          type: 'button',
          class: 'link-button',
          'aria-expanded': 'false',
          'aria-controls': diffBox.id,
          'data-version': v.version,
        },
        L(R.showDiff(v.version)),
      );
      let loaded = false;
      toggle.addEventListener('click', async () => {
        const open = diffBox.hidden;
        if (open && !loaded) {
          try {
            const rev = await revision(v.version);
            loaded = true;
            diffBox.replaceChildren(
              rev.diff.length
                ? h(
                    'table',
                    { class: 'table table--stack diff-table' },
                    h('caption', { class: 'visually-hidden' }, L(R.showDiff(v.version))),
                    h(
                      'thead',
                      null,
                      h(
                        'tr',
                        null,
                        [R.field, R.from, R.to].map((c) => h('th', { scope: 'col' }, L(c))),
                      ),
                    ),
                    h(
                      'tbody',
                      null,
                      rev.diff.map((d) =>
                        h(
                          'tr',
                          { 'data-diff-field': d.field },
                          h(
                            'th',
                            { scope: 'row', 'data-label': L(R.field) },
                            L(byCode.get(d.field)?.label) || d.field,
                          ),
                          h('td', { 'data-label': L(R.from) }, formatValue(byCode.get(d.field), d.from)),
                          h('td', { 'data-label': L(R.to) }, formatValue(byCode.get(d.field), d.to)),
                        ),
                      ),
                    ),
                  )
                : rev.verification && Object.keys(rev.verification).length
                  ? verificationTable(v.version, rev, (c) => byCode.get(c))
                  : h('p', { class: 'muted' }, L(R.noDiff)),
              rev.comments?.length
                ? h(
                    'ul',
                    null,
                    rev.comments.map((c) =>
                      h('li', null, c.field ? `${L(byCode.get(c.field)?.label) || c.field}: ` : '', c.text),
                    ),
                  )
                : '',
            );
          } catch (error) {
            onError(error);
            return;
          }
        }
        diffBox.hidden = !open;
        toggle.setAttribute('aria-expanded', String(open));
        toggle.textContent = open ? L(R.hideDiff) : L(R.showDiff(v.version));
      });
      return h(
        'li',
        { 'data-version': v.version },
        h('strong', null, `v${fmtNumber(v.version)} · ${L(REVISION_ACTION_LABELS[v.action])}`),
        ' — ',
        h('span', { class: 'muted' }, person(v.by, unitName), `, ${fmtDateTime(v.at)}`),
        ' ',
        toggle,
        diffBox,
      );
    }),
  );
}
