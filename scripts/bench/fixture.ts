/** The bench area (the demo generator's boundary around central Eskilstuna), an admin and an API token. */
import type { Db } from '../../server/db/database';
import { createArea, createUser } from '../../server/areas/areas.service';
import { createApiToken } from '../../server/auth/auth.service';
import { DEMO_BOUNDARY } from '../demo/area';

export interface BenchArea {
  areaId: number;
  code: string;
  token: string;
}

export async function createBenchArea(db: Db, code: string): Promise<BenchArea> {
  const area = await createArea(db, { code, name: `Bänk ${code} (syntetiska data)`, boundary: DEMO_BOUNDARY });
  const user = await createUser(db, {
    email: `${code}-admin@bench.tryggkarta.test`,
    name: `Bench admin ${code}`,
    role: 'admin',
    areaCode: code,
    password: 'bench-password-not-secret',
  });
  const { token } = await createApiToken(db, { id: user.id, areaId: area.id }, 'bench');
  return { areaId: area.id, code, token };
}
