import { Router } from 'express';
import { DateTime } from 'luxon';
import { ValidationError } from '../../errors.js';
import { onCallAt, scheduleSchema, type Schedule } from '../../oncall/schedule.js';
import { editsSchedule } from '../access.js';
import { signedIn, type Signed } from '../auth.js';
import type { ConsoleDeps } from '../deps.js';
import { csrfInput, errorsByField, field, formValues, validate, type FormState } from '../forms.js';
import { html } from '../html.js';
import { localTime, page as screen, refused } from '../layout.js';

/** Who is primary from when, over a span, walking the schedule's own hand-offs (so DST is the schedule's). */
export function primaries(schedule: Schedule, zone: string, from: Date, to: Date): { from: Date; primary: string }[] {
  const spans: { from: Date; primary: string }[] = [];
  let at = from;
  while (at < to) {
    const now = onCallAt(schedule, zone, at);
    if (spans.at(-1)?.primary !== now.primary) spans.push({ from: at, primary: now.primary });
    at = new Date(Date.parse(now.until));
  }
  return spans;
}

/** Schedule: the next four weeks day by day, overrides to add and remove. */
export function createScheduleRoutes(deps: ConsoleDeps): Router {
  const { oncall, directory, config, now } = deps;
  const router = Router();
  const zone = config.timezone;

  async function render(signed: Signed, form: FormState, done?: unknown): Promise<string> {
    const schedule = await oncall.getSchedule();
    if (!schedule) return screen(signed, 'schedule', 'Schedule', html`<p>No schedule is set. Set it with <code>PUT /api/oncall</code> or <code>afterhours import</code>.</p>`);
    const people = await directory.listClinicians();
    const name = (id: string) => people.find((p) => p.id === id)?.name ?? id;
    // Whole weeks from this Monday, through at least four weeks ahead: a calendar on a desk, a list on a phone.
    const today = DateTime.fromJSDate(now()).setZone(zone).startOf('day');
    const first = today.startOf('week');
    const end = first.plus({ weeks: today.diff(first, 'days').days > 0 ? 5 : 4 });
    const spans = primaries(schedule, zone, first.toJSDate(), end.toJSDate());
    const days = [];
    for (let d = first; d < end; d = d.plus({ days: 1 })) {
      const next = d.plus({ days: 1 });
      const atStart = spans.filter((s) => s.from <= d.toJSDate()).at(-1);
      const changes = spans.filter((s) => s.from > d.toJSDate() && s.from < next.toJSDate());
      days.push(html`<li${d.equals(today) ? html` class="today" aria-current="date"` : d < today ? html` class="past"` : ''}><span class="date">${d.toFormat('ccc d LLL')}</span> ${atStart ? name(atStart.primary) : ''}${changes.map((c) => html`<span class="change">from ${DateTime.fromJSDate(c.from).setZone(zone).toFormat('h:mm a')}: ${name(c.primary)}</span>`)}</li>`);
    }
    const editable = editsSchedule(signed.person);
    const overrides = schedule.overrides.map((o, i) => html`<li>${name(o.clinicianId)}: ${localTime(o.from, zone)} to ${localTime(o.to, zone)}${editable ? html` <form method="post" action="/console/schedule/overrides/${i}/remove" class="inline">${csrfInput(signed.session.csrf)}<input type="hidden" name="from" value="${o.from}"><button type="submit" class="secondary">Remove</button></form>` : ''}</li>`);
    const clinicians = people.filter((p) => p.role !== 'staff').map((p): [string, string] => [p.id, p.name]);
    const body = html`<p>Rotation: ${schedule.rotation.map(name).join(', ')}; shifts of ${schedule.shiftDays} day${schedule.shiftDays === 1 ? '' : 's'} handed over at ${DateTime.fromISO(schedule.handoff).toFormat('h:mm a')}; backup ${schedule.backup === 'next' ? 'the next in the rotation' : name(schedule.backup)}; lead ${name(schedule.lead)}. Times are ${zone}.</p>
<h2>Primary on call, the next four weeks</h2><ul class="days">${days}</ul>
<h2>Overrides</h2>${overrides.length ? html`<ul>${overrides}</ul>` : html`<p>None.</p>`}
${editable ? html`<h2>Add an override</h2><form method="post" action="/console/schedule/overrides" novalidate>${csrfInput(signed.session.csrf)}
${field(form, 'clinicianId', 'Who', { options: [['', 'Choose a clinician'], ...clinicians] })}
${field(form, 'from', 'From', { type: 'datetime-local', hint: `Local time, ${zone}` })}
${field(form, 'to', 'To', { type: 'datetime-local' })}
<button type="submit">Add override</button></form>` : ''}`;
    return screen(signed, 'schedule', 'Schedule', body, done);
  }

  router.get('/schedule', async (req, res) => {
    res.type('html').send(await render(signedIn(res)!, { values: {}, errors: {} }, req.query.done));
  });

  /** Saves a changed schedule through the same schema and reference checks as `PUT /api/oncall`. */
  async function save(next: unknown, index: number): Promise<Record<string, string> | null> {
    const fieldOf = (f: string) => f.replace(new RegExp(`^overrides\\[${index}\\]\\.`), '');
    const checked = validate(scheduleSchema, next, fieldOf);
    if (!checked.ok) return checked.errors;
    try {
      await oncall.putSchedule(checked.data);
      return null;
    } catch (error) {
      if (error instanceof ValidationError) return errorsByField(error.fields.map((p) => ({ ...p, field: fieldOf(p.field) })));
      throw error;
    }
  }

  const local = (value: string | undefined) => {
    const t = DateTime.fromISO(value ?? '', { zone });
    return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value ?? '') && t.isValid ? t.toISO()! : (value ?? '');
  };

  router.post('/schedule/overrides', async (req, res) => {
    const signed = signedIn(res)!;
    if (!editsSchedule(signed.person)) return res.status(403).type('html').send(refused(signed, 'schedule', 'Only staff and the lead change the schedule.'));
    const schedule = await oncall.getSchedule();
    if (!schedule) return res.redirect(303, '/console/schedule');
    const values = formValues(req.body);
    const override = { clinicianId: values.clinicianId ?? '', from: local(values.from), to: local(values.to) };
    const errors = await save({ ...schedule, overrides: [...schedule.overrides, override] }, schedule.overrides.length);
    if (errors) {
      if (!values.clinicianId) errors.clinicianId = 'is required';
      return res.status(400).type('html').send(await render(signed, { values, errors }));
    }
    deps.auditChange(signed.person, 'POST /console/schedule/overrides', 'oncall', null);
    res.redirect(303, '/console/schedule?done=override');
  });

  router.post('/schedule/overrides/:index/remove', async (req, res) => {
    const signed = signedIn(res)!;
    if (!editsSchedule(signed.person)) return res.status(403).type('html').send(refused(signed, 'schedule', 'Only staff and the lead change the schedule.'));
    const schedule = await oncall.getSchedule();
    const index = Number(req.params.index);
    const target = schedule?.overrides[index];
    // The override is named by its start too, so a stale page never removes a different one.
    if (!schedule || !target || target.from !== formValues(req.body).from) return res.redirect(303, '/console/schedule');
    const errors = await save({ ...schedule, overrides: schedule.overrides.filter((_, i) => i !== index) }, -1);
    if (errors) return res.status(400).type('html').send(await render(signed, { values: {}, errors }));
    deps.auditChange(signed.person, 'POST /console/schedule/overrides/:index/remove', 'oncall', null);
    res.redirect(303, '/console/schedule?done=override-removed');
  });
  return router;
}
