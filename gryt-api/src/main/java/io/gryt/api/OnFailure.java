package io.gryt.api;

/** What happens to steps that are already running when another step fails and the pipeline fails fast. */
public enum OnFailure {
    /** Running steps finish normally; nothing new starts. The default. */
    FINISH_RUNNING,
    /** Running steps are cancelled (their process trees killed) and recorded as {@link StepStatus#CANCELLED}. */
    CANCEL_RUNNING
}
