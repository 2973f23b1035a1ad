import { ConflictError, ValidationError } from '../../errors.js';
import { idSchema } from '../../validation.js';
import type { Client, Clinician } from '../../directory/store.js';
import type { Person } from '../access.js';
import type { ConsoleDeps } from '../deps.js';
import { csrfInput, errorsByField, field, validate, type FormState } from '../forms.js';
import { html, type Html } from '../html.js';

/** The form values of an existing client, to change their details. */
export function clientValues(client: Client): Record<string, string> {
  return { existing: '1', id: client.id, name: client.name, phones: client.phones.join(', '), clinicianId: client.clinicianId, language: client.language };
}

/** Add or change a client's details (staff and the lead); the agreement is kept as it is. */
export function clientForm(csrf: string, form: FormState, clinicians: Clinician[]): Html {
  const existing = Boolean(form.values.existing);
  return html`<h2>${existing ? 'Change a client' : 'Add a client'}</h2><form method="post" action="/console/clients" novalidate>${csrfInput(csrf)}
${existing ? html`<input type="hidden" name="existing" value="1"><input type="hidden" name="id" value="${form.values.id}"><p>Id: ${form.values.id}</p>` : field(form, 'id', 'Id', { hint: 'Letters, digits, dashes; the practice’s own record number works.' })}
${field(form, 'name', 'Name', { autocomplete: 'off' })}
${field(form, 'phones', 'Phones', { type: 'text', hint: 'One or more, separated by commas. Calls and texts from these numbers are this client’s.' })}
${field(form, 'clinicianId', 'Clinician', { options: [['', 'Choose a clinician'], ...clinicians.filter((c) => c.role !== 'staff').map((c): [string, string] => [c.id, c.name])] })}
${field(form, 'language', 'Language', { options: [['en', 'English'], ['es', 'Spanish']] })}
<button type="submit">Save client</button></form>`;
}

/** Saves through the admin API's schema and the store's checks; answers the problems by form field, or null. */
export async function saveClient(deps: Pick<ConsoleDeps, 'directory' | 'schemas' | 'auditChange'>, person: Person, values: Record<string, string>): Promise<Record<string, string> | null> {
  const id = idSchema.safeParse(values.id ?? '');
  const phones = (values.phones ?? '').split(/[,;\n]/).map((p) => p.trim()).filter(Boolean);
  const current = id.success ? await deps.directory.getClient(id.data) : null;
  const input = { name: values.name ?? '', phones, clinicianId: values.clinicianId ?? '', language: values.language || 'en', ...(current ? { agreement: current.agreement, initials: current.initials } : {}) };
  const fieldOf = (f: string) => (f.startsWith('phones') ? 'phones' : f);
  const checked = validate(deps.schemas.client, input, fieldOf);
  const errors = checked.ok ? {} : checked.errors;
  if (!id.success) errors.id = id.error.issues[0]?.message ?? 'is not a valid id';
  else if (current && !values.existing) errors.id = 'already belongs to another client';
  if (!checked.ok || !id.success || Object.keys(errors).length > 0) return errors;
  try {
    await deps.directory.putClient(id.data, checked.data);
  } catch (error) {
    if (error instanceof ConflictError) return { phones: error.message.replace(/^this phone number /, '') };
    if (error instanceof ValidationError) return errorsByField(error.fields.map((p) => ({ ...p, field: fieldOf(p.field) })));
    throw error;
  }
  deps.auditChange(person, 'POST /console/clients', 'client', id.data);
  return null;
}
