import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNumber, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Optional } from '#src/common/validation/validators.js';
import type { CxMetricEntity } from '../entities/cx-metric.entity.js';
import { CX_KINDS, type CxKind } from '../domain/metrics.js';

export class CreateCxMetricDto {
  @ApiProperty({ example: 'first_contact_resolution', description: 'Stable key: lower-case letters, digits and _, starting with a letter.' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{0,49}$/, { message: '$property must be lower-case letters, digits and _, starting with a letter (at most 50)' })
  key!: string;

  @ApiProperty({ example: 'First-contact resolution' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: CX_KINDS, description: '`csat` 1–5 (default) or 0–100; `nps` −100…100; `ces` 1–7 (default) or 1–5; `custom` any range given.' })
  @IsIn(CX_KINDS)
  kind!: CxKind;

  @ApiPropertyOptional({ description: 'Lowest allowed value (required for `custom`; for other kinds one of its ranges).' })
  @Optional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  minValue?: number;

  @ApiPropertyOptional({ description: 'Highest allowed value (required for `custom`).' })
  @Optional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  maxValue?: number;

  @ApiPropertyOptional({ default: true, description: 'Whether a higher value is a better customer experience.' })
  @Optional()
  @IsBoolean()
  higherIsBetter?: boolean;
}

export class CxMetricDto {
  @ApiProperty() key!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: CX_KINDS }) kind!: CxKind;
  @ApiProperty() minValue!: number;
  @ApiProperty() maxValue!: number;
  @ApiProperty() higherIsBetter!: boolean;
}

export class CxMetricListDto {
  @ApiProperty({ type: [CxMetricDto] }) items!: CxMetricDto[];
}

export function toCxMetricDto(m: CxMetricEntity): CxMetricDto {
  return { key: m.key, name: m.name, kind: m.kind, minValue: m.minValue, maxValue: m.maxValue, higherIsBetter: m.higherIsBetter };
}
