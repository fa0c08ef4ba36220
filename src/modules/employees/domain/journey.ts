/** The seven stages of the employee journey (Gallup), in order. */
export const STAGES = ['attract', 'hire', 'onboard', 'engage', 'perform', 'develop', 'depart'] as const;
export type Stage = (typeof STAGES)[number];

export const EMPLOYMENT_TYPES = ['full_time', 'part_time', 'contractor', 'intern', 'temporary'] as const;
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];

/** Tenure phases (Peakon), derived from the start date and stage; never stored. */
export const TENURE_PHASES = ['onboarding', 'initial_development', 'ongoing_development', 'separation'] as const;
export type TenurePhase = (typeof TENURE_PHASES)[number];

/**
 * Where a stage move came from. A `correction` undoes an earlier move outside the journey's rules
 * (a withdrawn separation returns the employee from depart to the stage they left).
 */
export const TRANSITION_SOURCES = ['api', 'import', 'system', 'correction'] as const;
export type TransitionSource = (typeof TRANSITION_SOURCES)[number];
