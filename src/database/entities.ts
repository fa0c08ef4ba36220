import { ApiKeyEntity } from '#src/modules/auth/api-key.entity.js';
import { WebSessionEntity } from '#src/modules/auth/web-session.entity.js';
import { TenantSetupStepEntity } from '#src/modules/tenancy/tenant-setup-step.entity.js';
import { TenantEntity } from '#src/modules/tenancy/tenant.entity.js';
import { EmployeeAssignmentEntity } from '#src/modules/employees/employee-assignment.entity.js';
import { EmployeeEntity } from '#src/modules/employees/employee.entity.js';
import { StageTransitionEntity } from '#src/modules/employees/stage-transition.entity.js';
import { DomainEventEntity } from '#src/modules/events/domain-event.entity.js';
import { AuditEntryEntity } from '#src/modules/audit/audit-entry.entity.js';
import { EmployeeErasureEntity } from '#src/modules/privacy/employee-erasure.entity.js';
import { ChecklistEntity, ChecklistTaskEntity, ChecklistTaskEventEntity } from '#src/modules/checklists/entities/checklist.entity.js';
import { ChecklistNotificationEntity } from '#src/modules/checklists/entities/checklist-notification.entity.js';
import { ChecklistTemplateEntity, ChecklistTemplateVersionEntity } from '#src/modules/checklists/entities/checklist-template.entity.js';
import { PainPointEntity, PainPointEventEntity, PainPointMeTooEntity } from '#src/modules/journey-map/entities/pain-point.entity.js';
import { CxMetricEntity } from '#src/modules/cx/entities/cx-metric.entity.js';
import { CxObservationEntity } from '#src/modules/cx/entities/cx-observation.entity.js';
import { TouchpointLinkEntity } from '#src/modules/journey-map/entities/touchpoint-link.entity.js';
import { TouchpointEntity } from '#src/modules/journey-map/entities/touchpoint.entity.js';
import { PlaybookRunEntity } from '#src/modules/playbooks/playbook-run.entity.js';
import { PlaybookEntity } from '#src/modules/playbooks/playbook.entity.js';
import { WebhookDeliveryEntity } from '#src/modules/webhooks/webhook-delivery.entity.js';
import { WebhookSubscriptionEntity } from '#src/modules/webhooks/webhook-subscription.entity.js';
import { SurveyActionEntity, SurveyActionUpdateEntity } from '#src/modules/surveys/entities/survey-action.entity.js';
import { SurveyCommentMessageEntity } from '#src/modules/surveys/entities/survey-comment-message.entity.js';
import { SurveyCommentEntity } from '#src/modules/surveys/entities/survey-comment.entity.js';
import { SurveyWatchTermEntity } from '#src/modules/surveys/entities/survey-watch-term.entity.js';
import { SurveyAnswerEntity } from '#src/modules/surveys/entities/survey-answer.entity.js';
import { SurveyDriverEntity } from '#src/modules/surveys/entities/survey-driver.entity.js';
import { SurveyInvitationEntity } from '#src/modules/surveys/entities/survey-invitation.entity.js';
import { SurveyQuestionEntity } from '#src/modules/surveys/entities/survey-question.entity.js';
import { SurveyReceiptEntity } from '#src/modules/surveys/entities/survey-receipt.entity.js';
import { SurveyResponseEntity } from '#src/modules/surveys/entities/survey-response.entity.js';
import { SurveyRollupEntity, SurveySegmentCountEntity } from '#src/modules/surveys/entities/survey-rollup.entity.js';
import { SurveyRoundEntity } from '#src/modules/surveys/entities/survey-round.entity.js';
import { SurveyEntity } from '#src/modules/surveys/entities/survey.entity.js';
import { UnitVersionEntity } from '#src/modules/units/unit-version.entity.js';
import { UnitEntity } from '#src/modules/units/unit.entity.js';
import { UserEntity } from '#src/modules/users/user.entity.js';
import { RateLimitEntity } from '#src/common/rate-limit/rate-limit.entity.js';
import { InstanceSettingEntity } from './instance-setting.entity.js';
import { OutboxConsumerEntity } from './outbox-consumer.entity.js';
import { VoiceMessageEntity, VoiceReplyEntity } from '#src/modules/voice/entities/voice.entity.js';
import { ObservationSettingsEntity } from '#src/modules/observe/entities/observation-settings.entity.js';
import { SegmentEntity } from '#src/modules/segments/segment.entity.js';
import { RecognitionEntity, RecognitionRecipientEntity } from '#src/modules/recognition/entities/recognition.entity.js';
import { ExitInterviewAnswerEntity } from '#src/modules/separations/entities/exit-interview-answer.entity.js';
import { ExitInterviewEntity } from '#src/modules/separations/entities/exit-interview.entity.js';
import { ExitQuestionnaireQuestionEntity } from '#src/modules/separations/entities/exit-questionnaire-question.entity.js';
import { SeparationReasonEntity } from '#src/modules/separations/entities/separation-reason.entity.js';
import { SeparationEntity } from '#src/modules/separations/entities/separation.entity.js';
import { JobRunEntity } from '#src/common/jobs/job-run.entity.js';

/** Every entity of the schema; add a capability's entities here when adding its migration. */
export const ENTITIES = [
  InstanceSettingEntity,
  TenantEntity,
  TenantSetupStepEntity,
  UserEntity,
  ApiKeyEntity,
  UnitEntity,
  UnitVersionEntity,
  EmployeeEntity,
  EmployeeAssignmentEntity,
  StageTransitionEntity,
  DomainEventEntity,
  WebhookSubscriptionEntity,
  WebhookDeliveryEntity,
  OutboxConsumerEntity,
  RateLimitEntity,
  PlaybookEntity,
  PlaybookRunEntity,
  SurveyDriverEntity,
  SurveyQuestionEntity,
  SurveyEntity,
  SurveyRoundEntity,
  SurveyInvitationEntity,
  SurveyReceiptEntity,
  SurveyResponseEntity,
  SurveyAnswerEntity,
  SurveySegmentCountEntity,
  SurveyRollupEntity,
  SurveyActionEntity,
  SurveyActionUpdateEntity,
  ChecklistTemplateEntity,
  ChecklistTemplateVersionEntity,
  ChecklistEntity,
  ChecklistTaskEntity,
  ChecklistTaskEventEntity,
  ChecklistNotificationEntity,
  TouchpointEntity,
  PainPointEntity,
  PainPointEventEntity,
  PainPointMeTooEntity,
  TouchpointLinkEntity,
  SurveyCommentEntity,
  SurveyCommentMessageEntity,
  SurveyWatchTermEntity,
  SeparationReasonEntity,
  SeparationEntity,
  ExitQuestionnaireQuestionEntity,
  ExitInterviewEntity,
  ExitInterviewAnswerEntity,
  RecognitionEntity,
  RecognitionRecipientEntity,
  ObservationSettingsEntity,
  SegmentEntity,
  VoiceMessageEntity,
  VoiceReplyEntity,
  CxMetricEntity,
  CxObservationEntity,
  WebSessionEntity,
  JobRunEntity,
  AuditEntryEntity,
  EmployeeErasureEntity,
];
