import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, ValidateIf } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '#src/common/pagination/pagination.js';
import { IsDateOnly, Optional } from '#src/common/validation/validators.js';
import { MAX_RECIPIENTS, RECOGNITION_VISIBILITIES, type RecognitionVisibility } from '../domain/recognition.js';

export class CreateRecognitionDto {
  @ApiProperty({ type: [String], format: 'uuid', description: `The colleagues thanked (1–${MAX_RECIPIENTS}); never oneself.` })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_RECIPIENTS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  recipientIds!: string[];

  @ApiProperty({ maxLength: 2000, example: 'Thank you for staying late to get the release out.' })
  @IsString()
  @MaxLength(2000)
  @Matches(/\S/, { message: 'message must not be blank' })
  message!: string;

  @ApiPropertyOptional({ maxLength: 100, example: 'Customers first', description: 'One of the organisation’s values, in its words.' })
  @Optional()
  @IsString()
  @MaxLength(100)
  companyValue?: string;

  @ApiPropertyOptional({ example: 'team_contribution', description: 'A survey driver the recognition speaks to.' })
  @Optional()
  @IsString()
  @MaxLength(40)
  driverKey?: string;

  @ApiPropertyOptional({ enum: RECOGNITION_VISIBILITIES, default: 'public', description: 'public: in the units’ feeds; private: the recipients and their managers only.' })
  @Optional()
  @IsIn(RECOGNITION_VISIBILITIES)
  visibility?: RecognitionVisibility;
}

export class UpdateRecognitionDto {
  @ApiPropertyOptional({ description: 'The version read; a mismatch is a 409.' })
  @Optional()
  @IsInt()
  @Min(1)
  version?: number;

  @ApiPropertyOptional({ maxLength: 2000 })
  @Optional()
  @IsString()
  @MaxLength(2000)
  @Matches(/\S/, { message: 'message must not be blank' })
  message?: string;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 100 })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(100)
  companyValue?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(40)
  driverKey?: string | null;

  @ApiPropertyOptional({ enum: RECOGNITION_VISIBILITIES })
  @Optional()
  @IsIn(RECOGNITION_VISIBILITIES)
  visibility?: RecognitionVisibility;
}

export class ListRecognitionsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The unit’s feed: recognitions of its people (and its sub-units’), as they were when thanked.' })
  @Optional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Recognitions an employee received.' })
  @Optional()
  @IsUUID()
  recipientId?: string;
}

export class RecognitionPersonDto {
  @ApiProperty({ format: 'uuid' }) employeeId!: string;
  @ApiProperty() name!: string;
}

export class RecognitionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: RecognitionPersonDto, description: 'Null when written by someone not linked to an employee.' })
  author!: RecognitionPersonDto | null;
  @ApiProperty({ type: [RecognitionPersonDto] }) recipients!: RecognitionPersonDto[];
  @ApiProperty() message!: string;
  @ApiProperty({ nullable: true, type: String }) companyValue!: string | null;
  @ApiProperty({ nullable: true, type: String }) driverKey!: string | null;
  @ApiProperty({ enum: RECOGNITION_VISIBILITIES }) visibility!: RecognitionVisibility;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) editedAt!: string | null;
  @ApiProperty({ format: 'date-time', description: 'The author may edit until then.' }) editableUntil!: string;
  @ApiProperty() version!: number;
}

export class RecognitionPageDto extends PageMetaDto {
  @ApiProperty({ type: [RecognitionDto] }) items!: RecognitionDto[];
}

export class RecognitionCountsQueryDto {
  @ApiProperty({ example: '2026-01-01' })
  @IsDateOnly()
  from!: string;

  @ApiProperty({ example: '2026-03-31' })
  @IsDateOnly()
  to!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'This unit and its sub-units. Managers: a unit of their reporting line.' })
  @Optional()
  @IsUUID()
  unitId?: string;
}

export class UnitRecognitionCountsDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) unitId!: string | null;
  @ApiProperty({ nullable: true, type: String }) name!: string | null;
  @ApiProperty({ description: 'Recognitions received by the unit’s people (one per recognition, however many of them it names).' }) received!: number;
  @ApiProperty({ description: 'People of the unit recognised at least once.' }) peopleRecognised!: number;
  @ApiProperty({ description: 'Recognitions written by the unit’s people.' }) given!: number;
}

export class RecognitionCountsDto {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ type: [UnitRecognitionCountsDto], description: 'Per unit (direct members, when thanked); never per person.' }) units!: UnitRecognitionCountsDto[];
}

export const MOMENT_KINDS = ['work_anniversary', 'end_of_onboarding', 'checklist_finished_early'] as const;
export type MomentKind = (typeof MOMENT_KINDS)[number];

export class MomentDto {
  @ApiProperty({ enum: MOMENT_KINDS }) kind!: MomentKind;
  @ApiProperty({ format: 'uuid' }) employeeId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: '2026-11-27' }) on!: string;
  @ApiProperty({ description: 'Years for an anniversary; days early for a checklist.', nullable: true, type: Number }) amount!: number | null;
}

export class MomentsDto {
  @ApiProperty({ example: '2026-11-18' }) from!: string;
  @ApiProperty({ example: '2026-12-02' }) to!: string;
  @ApiProperty({ type: [MomentDto] }) moments!: MomentDto[];
}
