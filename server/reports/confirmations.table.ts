import type { ColumnType } from 'kysely';
import type { Db } from '../db/database';
import type { Tx } from '../db/scope';

/** report_confirmations (migration 0009_report_confirmations). Typed beside the feature that alone touches it. */
export interface ReportConfirmationsTable {
  area_id: number;
  id: string;
  report_id: string;
  user_id: number | null;
  note: string | null;
  confirmed_at: ColumnType<Date, Date | string, never>;
  received_at: ColumnType<Date, Date | string | undefined, never>;
}

export type ConfirmationTables = {
  report_confirmations: ReportConfirmationsTable;
};

/** The same connection or transaction, typed to know report_confirmations. */
export function confirmationsConn(conn: Db | Tx) {
  return (conn as Db).withTables<ConfirmationTables>();
}
