import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RateLimit } from '#src/common/rate-limit/rate-limit.js';
import { CsrfToken, CurrentPrincipal, Public, SignedIn } from '#src/common/auth/access-policy.js';
import type { Principal } from '#src/common/auth/principal.js';
import { CommonProblems } from '#src/common/errors/common-problems.js';
import { DomainError } from '#src/common/errors/domain-error.js';
import { readCookie } from '#src/common/http/cookies.js';
import { ACCEPTS_FORM } from '#src/common/http/forms.js';
import { IdParam } from '#src/common/http/id-param.js';
import { SESSION_COOKIE, SIGNIN_COOKIE } from '#src/modules/auth/web-sessions.service.js';
import { findAsset } from './assets.js';
import { BoardService } from './board.service.js';
import { PageErrorsFilter } from './page-errors.filter.js';
import { redirect, sendPage } from './page-response.js';
import { InsightsPageService } from './insights-page.service.js';
import { BoardQueryDto, InsightsQueryDto, NoticeQueryDto, TasksQueryDto } from './pages.dto.js';
import { home, SignInPageService, type SignInOutcome } from './signin-page.service.js';
import { SurveyPageService } from './survey-page.service.js';

const FORM = { [ACCEPTS_FORM]: true };

/**
 * The survey page (docs/pages.md): public, the token in the path is the credential, exactly as
 * for `/api/v1/responses/{token}`, whose service it calls. It sets no cookie.
 */
@ApiExcludeController()
@UseFilters(PageErrorsFilter)
@Public()
@RateLimit('public')
@Controller('s')
export class SurveyPageController {
  constructor(private readonly surveyPage: SurveyPageService) {}

  @Get(':token')
  async show(@Param('token') token: string, @Query() query: Record<string, unknown>, @Res() reply: FastifyReply): Promise<void> {
    sendPage(reply, await this.surveyPage.show(token, query.locale));
  }

  @Post(':token')
  @RouteConfig(FORM)
  async post(@Param('token') token: string, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    sendPage(reply, await this.surveyPage.post(token, body));
  }
}

/** Signing in and out of the staff pages. */
@ApiExcludeController()
@UseFilters(PageErrorsFilter)
@Controller()
export class SignInPageController {
  constructor(private readonly signIn: SignInPageService) {}

  @Get('signin')
  @Public()
  form(@Req() request: FastifyRequest, @Query() query: Record<string, unknown>, @Res() reply: FastifyReply): void {
    answer(reply, this.signIn.form(readCookie(request.headers.cookie, SIGNIN_COOKIE), query.next));
  }

  @Post('signin')
  @Public()
  @RateLimit('login')
  @RouteConfig(FORM)
  async submit(@Req() request: FastifyRequest, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    answer(reply, await this.signIn.submit(formFields(body), readCookie(request.headers.cookie, SIGNIN_COOKIE)));
  }

  @Post('signout')
  @SignedIn('hr_admin', 'manager', 'employee', 'integration')
  @RouteConfig(FORM)
  async signOut(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    answer(reply, await this.signIn.signOut(readCookie(request.headers.cookie, SESSION_COOKIE)));
  }

  @Get('app')
  @SignedIn('hr_admin', 'manager', 'employee', 'integration')
  start(@CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply): void {
    redirect(reply, home(principal.role));
  }
}

/** HR's checklist board and everyone's own tasks. */
@ApiExcludeController()
@UseFilters(PageErrorsFilter)
@Controller('app')
export class BoardPageController {
  constructor(private readonly board: BoardService) {}

  @Get('checklists')
  @SignedIn('hr_admin')
  async checklists(@CurrentPrincipal() principal: Principal, @CsrfToken() csrfToken: string, @Query() query: BoardQueryDto, @Res() reply: FastifyReply): Promise<void> {
    sendPage(reply, await this.board.board({ principal, csrfToken }, query));
  }

  @Get('checklists/:id')
  @SignedIn('hr_admin')
  async checklist(
    @CurrentPrincipal() principal: Principal,
    @CsrfToken() csrfToken: string,
    @IdParam() id: string,
    @Query() query: NoticeQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendPage(reply, await this.board.checklist({ principal, csrfToken }, id, query));
  }

  @Get('tasks')
  @SignedIn('hr_admin', 'manager', 'employee')
  async tasks(@CurrentPrincipal() principal: Principal, @CsrfToken() csrfToken: string, @Query() query: TasksQueryDto, @Res() reply: FastifyReply): Promise<void> {
    sendPage(reply, await this.board.tasks({ principal, csrfToken }, query));
  }

  @Post('tasks/:id/complete')
  @SignedIn('hr_admin', 'manager', 'employee')
  @RouteConfig(FORM)
  async complete(
    @CurrentPrincipal() principal: Principal,
    @CsrfToken() csrfToken: string,
    @IdParam() id: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    redirect(reply, await this.board.complete({ principal, csrfToken }, id, formFields(body).back));
  }
}

/** The leader's dashboard: HR for the organisation, managers for their reporting line (docs/pages.md). */
@ApiExcludeController()
@UseFilters(PageErrorsFilter)
@Controller('app')
export class InsightsPageController {
  constructor(private readonly insights: InsightsPageService) {}

  @Get('insights')
  @SignedIn('hr_admin', 'manager')
  async dashboard(@CurrentPrincipal() principal: Principal, @CsrfToken() csrfToken: string, @Query() query: InsightsQueryDto, @Res() reply: FastifyReply): Promise<void> {
    sendPage(reply, await this.insights.dashboard({ principal, csrfToken }, query));
  }
}

/** The pages' stylesheets and scripts, cached for good (their URLs carry a content hash). */
@ApiExcludeController()
@UseFilters(PageErrorsFilter)
@Public()
@Controller('assets')
export class AssetsController {
  @Get(':name')
  asset(@Param('name') name: string, @Res() reply: FastifyReply): void {
    const asset = findAsset(name);
    if (!asset) throw new DomainError(CommonProblems.notFound, `No asset ${name}.`);
    reply
      .status(200)
      .headers({ 'content-type': asset.contentType, 'cache-control': 'public, max-age=31536000, immutable', 'x-content-type-options': 'nosniff' })
      .send(asset.body);
  }
}

function answer(reply: FastifyReply, outcome: SignInOutcome): void {
  if (outcome.kind === 'redirect') {
    redirect(reply, outcome.location, outcome.cookies);
    return;
  }
  if (outcome.cookies.length > 0) reply.header('set-cookie', [...outcome.cookies]);
  sendPage(reply, outcome.page);
}

function formFields(body: unknown): Record<string, string | string[]> {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, string | string[]>) : {};
}
