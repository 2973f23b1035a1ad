import type { Client, Clinician } from '../directory/store.js';
import type { Page } from '../paging/pages.js';

/**
 * What a person may see and change, by role. A clinician: the pages they were paged for or that
 * concern their clients, their own clients and those clients' contacts. The lead and staff: the
 * whole practice. Staff and the lead edit the directory and the schedule; clinical acts (taking a
 * page, a disposition, an agreement) belong to clinicians, for their clients, and to the lead.
 */
export type Person = Pick<Clinician, 'id' | 'role' | 'name'>;

export const seesWholePractice = (p: Person) => p.role === 'lead' || p.role === 'staff';
export const editsDirectory = seesWholePractice;
export const editsSchedule = seesWholePractice;
/**
 * What staff may not change in the directory, by form field: only the lead gives, takes away or
 * changes a clinical role (psychiatrist, therapist, lead) and changes a clinician's phone, since
 * that role and phone carry pages, clients' agreements and dispositions. Staff add and change
 * staff (their own record too) and change a clinician's name. The lead may change anything.
 */
export function directoryRefusals(p: Person, current: Pick<Clinician, 'role' | 'phone'> | null, next: Pick<Clinician, 'role' | 'phone'>): Record<string, string> {
  if (p.role === 'lead') return {};
  const clinical = current !== null && current.role !== 'staff';
  const refusals: Record<string, string> = {};
  if (clinical ? next.role !== current.role : next.role !== 'staff') refusals.role = 'can be given or changed to a clinical role only by the lead';
  if (clinical && next.phone !== current.phone) refusals.phone = 'of a clinician can be changed only by the lead';
  return refusals;
}
export const readsAudit = seesWholePractice;
export const isClinical = (p: Person) => p.role !== 'staff';

export function seesClient(p: Person, client: Pick<Client, 'clinicianId'> | null): boolean {
  return seesWholePractice(p) || (client !== null && client.clinicianId === p.id);
}

export function wasPaged(p: Person, page: Page | null): boolean {
  return page !== null && (page.acknowledgedBy === p.id || page.steps.some((s) => s.clinicianId === p.id));
}

export function seesPage(p: Person, page: Page, client: Pick<Client, 'clinicianId'> | null): boolean {
  return seesClient(p, client) || wasPaged(p, page);
}

export const takesPage = isClinical;

/** A disposition: the lead, the client's own clinician, or whoever was paged for the contact. */
export function dispositions(p: Person, client: Pick<Client, 'clinicianId'> | null, page: Page | null): boolean {
  return isClinical(p) && (p.role === 'lead' || (client !== null && client.clinicianId === p.id) || wasPaged(p, page));
}

export function editsAgreement(p: Person, client: Pick<Client, 'clinicianId'>): boolean {
  return p.role === 'lead' || (isClinical(p) && client.clinicianId === p.id);
}
