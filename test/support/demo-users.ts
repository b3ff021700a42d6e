import type { Role } from '../../contracts/permissions';

/** A demo user per role (db/seed/demo-community.ts). */
export const USER_OF_ROLE: Record<Role, string> = {
  owner: 'owner-zhang',
  technician: 'tech1',
  'tech-supervisor': 'techsup',
  'monitoring-operator': 'monitor',
  guard: 'guard1',
  'security-supervisor': 'secsup',
  finance: 'finance',
  procurement: 'procure',
  management: 'manager',
  'committee-member': 'committee',
  hr: 'hr',
  auditor: 'auditor',
  admin: 'admin',
  vendor: 'vendor-cctv',
};
