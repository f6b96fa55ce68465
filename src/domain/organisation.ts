// Federations, member authorities and programs: the kinds and defaults.

export const COUNTRIES = ["SE", "NO"] as const;
export type Country = (typeof COUNTRIES)[number];

/** Member authority kinds. Swedish: FK, AF, municipal social services, region. Norwegian: NAV and others. */
export const AUTHORITY_KINDS = {
  fk: ["SE"],
  af: ["SE"],
  social_services: ["SE"],
  region: ["SE"],
  nav: ["NO"],
  municipality: ["NO"],
  correctional_service: ["NO"],
  health: ["NO"],
  other: ["SE", "NO"],
} as const satisfies Record<string, readonly Country[]>;
export type AuthorityKind = keyof typeof AUTHORITY_KINDS;

export function isAuthorityKind(value: string): value is AuthorityKind {
  return Object.hasOwn(AUTHORITY_KINDS, value);
}

export function authorityKindsFor(country: Country): AuthorityKind[] {
  return (Object.keys(AUTHORITY_KINDS) as AuthorityKind[]).filter((kind) =>
    (AUTHORITY_KINDS[kind] as readonly Country[]).includes(country),
  );
}

export const GROUP_KINDS = ["ordinary", "pre_group"] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

/** KRUS: room for about 15 in the ordinary group; the pre-group is smaller. */
export const DEFAULT_GROUP_CAPACITY: Record<GroupKind, number> = { ordinary: 15, pre_group: 10 };
export const MAX_GROUP_CAPACITY = 200;
