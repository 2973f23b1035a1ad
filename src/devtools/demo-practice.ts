/**
 * The demo practice: two psychiatrists on a weekly rotation, a practice lead, and clients with
 * different histories. Fictional people and 555 numbers only.
 */
export const DEMO_PEOPLE = {
  ana: { short: 'Dr. Ruiz', name: 'Dr. Ana Ruiz', phone: '+16175550101' },
  ben: { short: 'Dr. Cole', name: 'Dr. Ben Cole', phone: '+16175550102' },
  lee: { short: 'Dr. Park', name: 'Dr. Lee Park', phone: '+16175550103' },
  tess: { short: 'Tess', name: 'Tess Morgan', phone: '+16175550201' },
  rob: { short: 'Rob', name: 'Rob Alvarez', phone: '+16175550202' },
  sofia: { short: 'Sofia', name: 'Sofia Reyes', phone: '+16175550203' },
  sam: { short: 'Sam', name: 'Sam Okafor', phone: '+16175550204' },
  stranger: { short: 'Unknown', name: 'an unknown caller', phone: '+16175550999' },
} as const;

export type DemoPerson = keyof typeof DEMO_PEOPLE;

const p = DEMO_PEOPLE;

/**
 * The same shape `afterhours import practice.json` reads. `handoff` is when Ana's week on call
 * began (local time), so she is the primary tonight and Ben her backup.
 */
export const demoPractice = (handoff: string) => ({
  clinicians: [
    { id: 'ana', name: p.ana.name, phone: p.ana.phone, role: 'psychiatrist' },
    { id: 'ben', name: p.ben.name, phone: p.ben.phone, role: 'psychiatrist' },
    { id: 'lee', name: p.lee.name, phone: p.lee.phone, role: 'lead' },
  ],
  clients: [
    { id: 'tess', name: p.tess.name, phones: [p.tess.phone], clinicianId: 'ana' },
    { id: 'rob', name: p.rob.name, phones: [p.rob.phone], clinicianId: 'ana' },
    { id: 'sofia', name: p.sofia.name, phones: [p.sofia.phone], clinicianId: 'ben', language: 'es' },
    { id: 'sam', name: p.sam.name, phones: [p.sam.phone], clinicianId: 'ben' },
  ],
  oncall: { rotation: ['ana', 'ben'], shiftDays: 7, handoff, backup: 'next', lead: 'lee' },
});

/** Tess has called three times this year, each a real emergency her psychiatrist marked warranted. */
export const DEMO_HISTORY = [
  { clientId: 'tess', daysAgo: 40 },
  { clientId: 'tess', daysAgo: 120 },
  { clientId: 'tess', daysAgo: 250 },
];
