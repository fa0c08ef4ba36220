import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InstanceSecrets } from '#src/common/secrets/instance-secrets.js';
import { AuditModule } from '#src/modules/audit/audit.module.js';
import { EmployeesModule } from '#src/modules/employees/employees.module.js';
import { EventsModule } from '#src/modules/events/events.module.js';
import { PlaybooksModule } from '#src/modules/playbooks/playbooks.module.js';
import { SegmentsModule } from '#src/modules/segments/segments.module.js';
import { TenancyModule } from '#src/modules/tenancy/tenancy.module.js';
import { ActionsController } from './actions.controller.js';
import { ActionsService } from './actions.service.js';
import { SurveyDriverEntity } from './entities/survey-driver.entity.js';
import { SurveyQuestionEntity } from './entities/survey-question.entity.js';
import { SurveyEntity } from './entities/survey.entity.js';
import { CommentsController } from './comments.controller.js';
import { CommentsService } from './comments.service.js';
import { ConversationsController } from './conversations.controller.js';
import { ConversationsService } from './conversations.service.js';
import { QuestionBankController } from './question-bank.controller.js';
import { QuestionBankService } from './question-bank.service.js';
import { ResponsesController } from './responses.controller.js';
import { ResponsesService } from './responses.service.js';
import { ResultsService } from './results.service.js';
import { RoundsService } from './rounds.service.js';
import { SurveyDigestJob } from './survey-digest.job.js';
import { SurveyGroups } from './survey-groups.js';
import { SurveyInviteAction } from './survey-invite.action.js';
import { SurveyLinks } from './survey-links.js';
import { SurveyRoundsJob } from './survey-rounds.job.js';
import { SurveysController } from './surveys.controller.js';
import { SurveysJourney } from './surveys.journey.js';
import { SurveysService } from './surveys.service.js';
import { WatchTermsController } from './watch-terms.controller.js';
import { WatchTermsService } from './watch-terms.service.js';

/**
 * Surveys: the question bank, surveys and their rounds, anonymous answering from a link, results
 * and comments behind the anonymity guard, watch lists for sensitive comments, and anonymous
 * conversations with the authors of comments. Design: docs/surveys.md; the promise: docs/anonymity.md.
 */
@Module({
  imports: [TypeOrmModule.forFeature([SurveyDriverEntity, SurveyQuestionEntity, SurveyEntity]), TenancyModule, EventsModule, AuditModule, PlaybooksModule, EmployeesModule, SegmentsModule],
  controllers: [
    QuestionBankController,
    SurveysController,
    ResponsesController,
    CommentsController,
    WatchTermsController,
    ConversationsController,
    ActionsController,
  ],
  providers: [
    QuestionBankService,
    SurveysService,
    RoundsService,
    ResponsesService,
    ResultsService,
    SurveyGroups,
    CommentsService,
    ConversationsService,
    WatchTermsService,
    SurveyLinks,
    InstanceSecrets,
    SurveyRoundsJob,
    SurveysJourney,
    SurveyInviteAction,
    ActionsService,
    SurveyDigestJob,
  ],
  exports: [SurveysService, ResultsService, CommentsService, ResponsesService, SurveyGroups, QuestionBankService],
})
export class SurveysModule {}
