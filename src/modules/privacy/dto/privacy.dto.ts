import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { AuditEntryDto } from '#src/modules/audit/dto/audit-entry.dto.js';
import type { EmployeeErasureEntity } from '../employee-erasure.entity.js';

export class ErasureRequestDto {
  @ApiProperty({
    minLength: 3,
    maxLength: 1000,
    example: 'Request by e-mail on 2026-11-20, identity checked by HR (ticket 4711)',
    description: 'Why and on whose request: HR’s words, kept with the erasure record.',
  })
  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  reason!: string;
}

export class RetainedDataDto {
  @ApiProperty({ example: 'stage_transitions' }) data!: string;
  @ApiProperty({ example: 'the journey is append-only history and the employment record' }) reason!: string;
}

export class ErasureDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) employeeId!: string;
  @ApiProperty({ format: 'date-time' }) erasedAt!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) erasedByUserId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) erasedByApiKeyId!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Rows anonymised, revoked or deleted, by table (tables with none are left out).',
    example: { employees: 1, survey_invitations: 3, users: 1 },
  })
  changed!: Record<string, number>;
  @ApiProperty({ type: [RetainedDataDto], description: 'What was kept, flagged with the reason.' }) retained!: RetainedDataDto[];
}

export class ErasureResultDto extends ErasureDto {
  @ApiProperty({ description: 'True when this call found the person already erased: nothing changed, and this is the first erasure’s record.' })
  alreadyErased!: boolean;
}

const ROWS = { type: 'array', items: { type: 'object', additionalProperties: true } } as const;

export class ManagerOfDto {
  @ApiProperty({ type: [String], description: 'Employees whose manager they are now.' }) employees!: string[];
  @ApiProperty({ type: [String], description: 'Employees whose manager they were at some time (assignment history).' }) formerReports!: string[];
  @ApiProperty({ type: [String], description: 'Units they manage.' }) units!: string[];
  @ApiProperty({ type: [String], description: 'Separations of people they managed when those left.' }) separations!: string[];
}

/**
 * Everything held about one person. Rows are as stored, with the database's column names, minus
 * secrets (token hashes, password hashes); ids of other people only where those name this one.
 */
export class DataExportDto {
  @ApiProperty({ format: 'uuid' }) employeeId!: string;
  @ApiProperty({ format: 'date-time' }) exportedAt!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The employee row (`employees`).' }) employee!: Record<string, unknown>;
  @ApiProperty({ type: ErasureDto, nullable: true, description: 'The erasure record, once erased.' }) erasure!: ErasureDto | null;
  @ApiProperty({ ...ROWS, description: 'Stage moves (`stage_transitions`).' }) stageHistory!: Record<string, unknown>[];
  @ApiProperty({ ...ROWS, description: 'Unit, manager and title over time (`employee_assignments`).' }) assignments!: Record<string, unknown>[];
  @ApiProperty({ type: ManagerOfDto }) managerOf!: ManagerOfDto;
  @ApiProperty({ type: [String], description: 'Employees they referred.' }) referred!: string[];
  @ApiProperty({ ...ROWS, description: 'Checklists about them, with their tasks and each task’s history.' }) checklists!: Record<string, unknown>[];
  @ApiProperty({ ...ROWS, description: 'Checklist tasks assigned to their user account.' }) tasksAssigned!: Record<string, unknown>[];
  @ApiProperty({
    ...ROWS,
    description: 'Survey rounds they were invited to; `answered` only once the round has closed (null while open). Never answers: responses carry no person.',
  })
  surveyInvitations!: Record<string, unknown>[];
  @ApiProperty({ ...ROWS, description: 'Recognitions they wrote, with recipient ids.' }) recognitionsSent!: Record<string, unknown>[];
  @ApiProperty({ ...ROWS, description: 'Recognitions they received.' }) recognitionsReceived!: Record<string, unknown>[];
  @ApiProperty({ ...ROWS, description: 'Voice messages they sent by name, with the conversation.' }) voiceMessages!: Record<string, unknown>[];
  @ApiProperty({ type: [String], description: 'Voices routed to them as a manager (ids).' }) voicesRoutedToThem!: string[];
  @ApiProperty({ ...ROWS, description: 'Pain points their user reported by name.' }) painPoints!: Record<string, unknown>[];
  @ApiProperty({ ...ROWS, description: 'Separations, as stored.' }) separations!: Record<string, unknown>[];
  @ApiProperty({ ...ROWS, description: 'Exit interviews (confidential, theirs) with their answers.' }) exitInterviews!: Record<string, unknown>[];
  @ApiProperty({ ...ROWS, description: 'User accounts linked to them (no password hash).' }) users!: Record<string, unknown>[];
  @ApiProperty({ description: 'Sign-in sessions of those accounts still open.' }) openSessions!: number;
  @ApiProperty({ ...ROWS, description: 'Reminder e-mails sent to their user account.' }) notifications!: Record<string, unknown>[];
  @ApiProperty({ ...ROWS, description: 'Playbook runs about them.' }) playbookRuns!: Record<string, unknown>[];
  @ApiProperty({ ...ROWS, description: 'Domain events whose subject they are.' }) events!: Record<string, unknown>[];
  @ApiProperty({ type: [AuditEntryDto], description: 'Audit entries about them, their user account, separations and checklists, or made by their user.' })
  auditEntries!: AuditEntryDto[];
}

export function toErasureDto(e: EmployeeErasureEntity): ErasureDto {
  return {
    id: e.id,
    employeeId: e.employeeId,
    erasedAt: e.createdAt.toISOString(),
    reason: e.reason,
    erasedByUserId: e.erasedByUserId,
    erasedByApiKeyId: e.erasedByApiKeyId,
    changed: e.changed,
    retained: e.retained,
  };
}
