// The models pages: a process's diagram (bpmn-js, watermark kept) and a form's preview (form-js).
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { Form } from '@bpmn-io/form-js-viewer';

const view = document.querySelector('[data-process-key]');
if (view) {
  const viewer = new NavigatedViewer({ container: '#diagram' });
  fetch(`/api/models/processes/${view.dataset.processKey}/xml`, { credentials: 'same-origin' })
    .then(r => r.text())
    .then(xml => viewer.importXML(xml))
    .then(() => viewer.get('canvas').zoom('fit-viewport'));
}
const schema = document.getElementById('form-schema');
if (schema) {
  new Form({ container: document.getElementById('form') }).importSchema(JSON.parse(schema.textContent), {});
}
