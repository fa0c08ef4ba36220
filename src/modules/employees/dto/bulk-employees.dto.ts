import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import type { FieldError } from '#src/common/errors/common-problems.js';
import { FastValidation } from '#src/common/http/validation.js';
import { Optional, ToBoolean } from '#src/common/validation/validators.js';
import { STAGES, type Stage } from '../domain/journey.js';
import { bulkEmployeesFastPath } from './bulk-employees.fast-path.js';
import { CreateEmployeeDto } from './employee.dto.js';

export const MAX_BULK_EMPLOYEES = 10_000;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const nullable = (_: object, value: unknown) => value !== null;

/** One employee as the HRIS sends it: its own fields validated exactly as the API's, references by external id. */
export class BulkEmployeeItemDto extends PickType(CreateEmployeeDto, [
  'firstName',
  'lastName',
  'workEmail',
  'jobTitle',
  'location',
  'employmentType',
  'startDate',
  'endDate',
] as const) {
  @ApiProperty({ maxLength: 100, example: 'HR-00042' })
  @IsString()
  @Transform(trim)
  @MinLength(1)
  @MaxLength(100)
  externalId!: string;

  @ApiPropertyOptional({ enum: STAGES, description: 'Required for a new employee; a change moves the employee as a transition would.' })
  @Optional()
  @IsIn(STAGES)
  stage?: Stage;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'External id of the unit.' })
  @IsOptional()
  @ValidateIf(nullable)
  @IsString()
  @MaxLength(100)
  unitExternalId?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'External id of the manager (in this payload or already known).' })
  @IsOptional()
  @ValidateIf(nullable)
  @IsString()
  @MaxLength(100)
  managerExternalId?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'External id of the colleague who referred them.' })
  @IsOptional()
  @ValidateIf(nullable)
  @IsString()
  @MaxLength(100)
  referredByExternalId?: string | null;
}

/** Validated by {@link bulkEmployeesFastPath} when valid: class-validator per item was most of a 10,000-row call. */
@FastValidation(bulkEmployeesFastPath(MAX_BULK_EMPLOYEES))
export class BulkEmployeesDto {
  @ApiProperty({ type: [BulkEmployeeItemDto], maxItems: MAX_BULK_EMPLOYEES })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BULK_EMPLOYEES)
  @ValidateNested({ each: true })
  @Type(() => BulkEmployeeItemDto)
  items!: BulkEmployeeItemDto[];
}

export const IMPORT_MODES = ['merge', 'full'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/** How an import applies: `full` also departs employees missing from it; `dryRun` reports without writing. */
export class ImportOptionsDto {
  @ApiPropertyOptional({
    enum: IMPORT_MODES,
    default: 'merge',
    description: '`full`: employees with an external id that are missing from the payload move to depart.',
  })
  @Optional()
  @IsIn(IMPORT_MODES)
  mode?: ImportMode;

  @ApiPropertyOptional({ default: false, description: 'Apply a full sync even above the tenant’s departure guard.' })
  @Optional()
  @ToBoolean()
  @IsBoolean()
  force?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Validate and report what would happen, writing nothing.' })
  @Optional()
  @ToBoolean()
  @IsBoolean()
  dryRun?: boolean;
}

export const BULK_STATUSES = ['created', 'updated', 'unchanged', 'error'] as const;
export type BulkStatus = (typeof BULK_STATUSES)[number];

export class BulkRowErrorDto {
  @ApiProperty() field!: string;
  @ApiProperty() message!: string;
}

export class BulkEmployeeResultDto {
  @ApiProperty({ description: 'Position in the payload, from 0.' }) index!: number;
  @ApiPropertyOptional({ description: 'CSV imports: the line of the file (the header is line 1).' }) line?: number;
  @ApiProperty() externalId!: string;
  @ApiProperty({ enum: BULK_STATUSES }) status!: BulkStatus;
  @ApiPropertyOptional({ format: 'uuid' }) id?: string;
  @ApiPropertyOptional({ type: [BulkRowErrorDto] }) errors?: FieldError[];
}

export class BulkSummaryDto {
  @ApiProperty() created!: number;
  @ApiProperty({ description: 'Moved to depart because a full sync did not list them.' }) departed!: number;
  @ApiProperty() updated!: number;
  @ApiProperty() unchanged!: number;
  @ApiProperty() errors!: number;
}

export class DepartedEmployeeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() externalId!: string;
  @ApiProperty({ enum: STAGES }) from!: Stage;
}

export class BulkEmployeesResultDto {
  @ApiProperty({ description: 'True when nothing was written.' }) dryRun!: boolean;
  @ApiProperty({ type: BulkSummaryDto }) summary!: BulkSummaryDto;
  @ApiProperty({ type: [DepartedEmployeeDto] }) departed!: DepartedEmployeeDto[];
  @ApiProperty({ type: [BulkEmployeeResultDto] }) results!: BulkEmployeeResultDto[];
}
