// Kysely's view of the national-reporting tables (migration 0011_reports).

export interface InstallationKeyTable {
  purpose: "pseudonym";
  /** 32 random bytes, base64. */
  key_base64: string;
  created_at: Date;
}

export interface ReportTables {
  installation_keys: InstallationKeyTable;
}
