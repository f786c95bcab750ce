// Export every unsynced record to a file (the last resort when a phone must be wiped), and import it back.
import { t } from '../lib/i18n.js';
import * as outbox from '../lib/outbox.js';
import { registerPage } from '../lib/registry.js';
import * as triggers from '../lib/triggers.js';
import * as users from '../lib/users.js';
import { h, mount, toast } from '../ui/dom.js';

async function exportFile() {
  const data = await outbox.exportAll(await users.deviceId());
  const blob = new Blob([JSON.stringify(data, null, 1)], { type: 'application/json' });
  const a = h('a', { href: URL.createObjectURL(blob), download: `immuqc-outbox-${data.exported_at.slice(0, 10)}.json` });
  document.body.append(a);
  a.click();
  a.remove();
  toast(t('transfer.exported', { n: data.outbox.length + data.needs_fixing.length + data.conflicts.length }));
}

async function importFile(input, ctx) {
  const file = input.files?.[0];
  if (!file) return;
  try {
    const { added, skipped } = await outbox.importAll(JSON.parse(await file.text()));
    toast(t('transfer.imported', { added, skipped }));
    window.dispatchEvent(new Event('immuqc:changed'));
    triggers.kick();
  } catch {
    toast(t('err.import'), 'error');
  }
  ctx.refresh();
}

registerPage({
  id: 'transfer',
  title: 'transfer.title',
  nav: { order: 80 },
  async render(root, ctx) {
    const input = h('input', { type: 'file', id: 'import-file', accept: 'application/json,.json' });
    input.addEventListener('change', () => importFile(input, ctx));
    mount(root, h('h1', {}, t('transfer.title')),
      h('section', { class: 'card' }, h('p', {}, t('transfer.explain')),
        h('button', { type: 'button', class: 'primary big', id: 'export-outbox', onclick: exportFile }, t('transfer.export'))),
      h('section', { class: 'card' }, h('label', { for: 'import-file' }, t('transfer.import')), input));
  },
});
