import { Router } from 'express';
import { idSchema } from '../../validation.js';
import { ConflictError, ValidationError } from '../../errors.js';
import { directoryRefusals, editsDirectory } from '../access.js';
import { signedIn, type Signed } from '../auth.js';
import type { ConsoleDeps } from '../deps.js';
import { csrfInput, errorsByField, field, formValues, validate, type FormState } from '../forms.js';
import { html } from '../html.js';
import { page as screen, refused } from '../layout.js';

const ROLES: [string, string][] = [
  ['psychiatrist', 'Psychiatrist'],
  ['therapist', 'Therapist'],
  ['lead', 'Lead'],
  ['staff', 'Staff (never on call)'],
];

/** People: clinicians and staff, their roles and phones; staff and the lead add and change them. */
export function createPeopleRoutes(deps: ConsoleDeps): Router {
  const { directory, schemas } = deps;
  const router = Router();

  async function render(signed: Signed, form: FormState, done?: unknown): Promise<string> {
    const people = await directory.listClinicians();
    const editable = editsDirectory(signed.person);
    const rows = people.map(
      (p) => html`<tr><td>${editable ? html`<a href="/console/people?edit=${p.id}">${p.name}</a>` : p.name}</td><td>${p.role}</td><td>${p.phone}</td></tr>`,
    );
    const body = html`${editable ? html`<p>Choose a name to change that person.</p>` : ''}<div class="table-wrap"><table><thead><tr><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Phone</th></tr></thead><tbody>${rows}</tbody></table></div>
${editable ? html`<h2>${form.values.existing ? 'Change a person' : 'Add a person'}</h2><form method="post" action="/console/people" novalidate>${csrfInput(signed.session.csrf)}
${form.values.existing ? html`<input type="hidden" name="existing" value="1"><input type="hidden" name="id" value="${form.values.id}"><p>Id: ${form.values.id}</p>` : field(form, 'id', 'Id', { hint: 'Letters, digits, dashes; used in the schedule and the audit trail.' })}
${field(form, 'name', 'Name', { autocomplete: 'off' })}
${field(form, 'phone', 'Phone', { type: 'tel', hint: 'Sign-in codes and pages go to this number.' })}
${field(form, 'role', 'Role', { options: ROLES })}
<button type="submit">Save</button></form>` : ''}`;
    return screen(signed, 'people', 'People', body, done);
  }

  router.get('/people', async (req, res) => {
    const signed = signedIn(res)!;
    const editing = typeof req.query.edit === 'string' && idSchema.safeParse(req.query.edit).success ? await directory.getClinician(req.query.edit) : null;
    const values: Record<string, string> = editing ? { existing: '1', id: editing.id, name: editing.name, phone: editing.phone, role: editing.role } : { role: 'psychiatrist' };
    res.type('html').send(await render(signed, { values, errors: {} }, req.query.done));
  });

  router.post('/people', async (req, res) => {
    const signed = signedIn(res)!;
    if (!editsDirectory(signed.person)) return res.status(403).type('html').send(refused(signed, 'people', 'Only staff and the lead change the directory.'));
    const values = formValues(req.body);
    const id = idSchema.safeParse(values.id ?? '');
    const checked = validate(schemas.clinician, { name: values.name ?? '', phone: values.phone ?? '', role: values.role ?? '' });
    const errors = checked.ok ? {} : checked.errors;
    const current = id.success ? await directory.getClinician(id.data) : null;
    if (!id.success) errors.id = id.error.issues[0]?.message ?? 'is not a valid id';
    else if (current && !values.existing) errors.id = 'already belongs to another person';
    if (checked.ok) Object.assign(errors, directoryRefusals(signed.person, current, checked.data));
    if (checked.ok && id.success && Object.keys(errors).length === 0) {
      try {
        await directory.putClinician(id.data, checked.data);
        deps.auditChange(signed.person, 'POST /console/people', 'clinician', id.data);
        return res.redirect(303, '/console/people?done=person');
      } catch (error) {
        if (error instanceof ConflictError) errors.phone = error.message.replace(/^this phone number /, '');
        else if (error instanceof ValidationError) Object.assign(errors, errorsByField(error.fields));
        else throw error;
      }
    }
    res.status(400).type('html').send(await render(signed, { values, errors }));
  });
  return router;
}
