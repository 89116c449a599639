package io.gryt.core.testreport;

import io.gryt.api.BadInputException;

/** A test report is not JUnit XML gryt can read; the message names the file (and line, when known). */
public final class MalformedReportException extends BadInputException {
    private static final long serialVersionUID = 1L;

    MalformedReportException(String message) {
        super(message);
    }
}
