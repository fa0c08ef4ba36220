import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '#src/common/pagination/pagination.js';
import { Optional } from '#src/common/validation/validators.js';
import { VOICE_KINDS, VOICE_STATUSES, type VoiceKind, type VoiceStatus } from '../entities/voice.entity.js';

export class SendVoiceDto {
  @ApiProperty({ enum: VOICE_KINDS })
  @IsIn(VOICE_KINDS)
  kind!: VoiceKind;

  @ApiProperty({ maxLength: 4000 })
  @IsString()
  @MaxLength(4000)
  @Matches(/\S/, { message: 'text must not be blank' })
  text!: string;

  @ApiPropertyOptional({ default: false, description: 'Anonymous: no name, no time of day kept; answered through a reply key shown once.' })
  @Optional()
  @IsBoolean()
  anonymous?: boolean;

  @ApiPropertyOptional({ format: 'uuid', description: 'The unit it is about: routed to its manager (else HR).' })
  @Optional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ example: 'workspace' })
  @Optional()
  @IsString()
  @MaxLength(40)
  driverKey?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A touchpoint of the journey map.' })
  @Optional()
  @IsUUID()
  touchpointId?: string;
}

export class SentVoiceDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['manager', 'hr'] }) routedTo!: 'manager' | 'hr';
  @ApiProperty({ nullable: true, type: String, description: 'Anonymous voices only: your private key to read and answer replies. Shown only now.' })
  replyKey!: string | null;
}

export class VoiceReplyDto {
  @ApiProperty({ enum: ['staff', 'sender'] }) author!: 'staff' | 'sender';
  @ApiProperty() text!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class VoiceDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: VOICE_KINDS }) kind!: VoiceKind;
  @ApiProperty() anonymous!: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'Named voices: the sender.' }) authorEmployeeId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) unitId!: string | null;
  @ApiProperty({ nullable: true, type: String }) driverKey!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) touchpointId!: string | null;
  @ApiProperty({ enum: ['manager', 'hr'] }) routedTo!: 'manager' | 'hr';
  @ApiProperty() text!: string;
  @ApiProperty({ enum: VOICE_STATUSES }) status!: VoiceStatus;
  @ApiProperty({ example: '2026-11-25', description: 'The day it was sent (an anonymous voice keeps no time).' }) sentOn!: string;
  @ApiProperty({ type: [VoiceReplyDto] }) replies!: VoiceReplyDto[];
  @ApiProperty() version!: number;
}

export class VoiceListDto {
  @ApiProperty({ type: [VoiceDto] }) items!: VoiceDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Cursor of the next page; null on the last page.' }) nextCursor!: string | null;
  @ApiProperty({ description: 'Anonymous voices routed to you that are withheld: their unit has sent fewer than k.' }) withheld!: number;
}

export class ListVoiceQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: VOICE_STATUSES })
  @Optional()
  @IsIn(VOICE_STATUSES)
  status?: VoiceStatus;

  @ApiPropertyOptional({ enum: VOICE_KINDS })
  @Optional()
  @IsIn(VOICE_KINDS)
  kind?: VoiceKind;
}

export class VoiceStatusDto {
  @ApiProperty({ enum: VOICE_STATUSES })
  @IsIn(VOICE_STATUSES)
  status!: VoiceStatus;
}

export class VoiceReplyBodyDto {
  @ApiProperty({ maxLength: 4000 })
  @IsString()
  @MaxLength(4000)
  @Matches(/\S/, { message: 'text must not be blank' })
  text!: string;
}

export class VoiceKeyDto {
  @ApiProperty({ description: 'The reply key shown when the anonymous voice was sent.' })
  @IsString()
  @MinLength(20)
  @MaxLength(100)
  replyKey!: string;
}

export class VoiceKeyReplyDto extends VoiceKeyDto {
  @ApiProperty({ maxLength: 4000 })
  @IsString()
  @MaxLength(4000)
  @Matches(/\S/, { message: 'text must not be blank' })
  text!: string;
}
