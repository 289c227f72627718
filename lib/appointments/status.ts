import type { AppointmentStatus } from '@/db/schema';

export const statusLabels: Record<AppointmentStatus, string> = {
  reserved: 'Reservado',
  present: 'Presente',
  absent: 'Ausente',
  cancelled: 'Cancelado',
};
