package io.gryt.s3;

import io.gryt.api.GrytException;

/**
 * An upload the store refused or that could not reach it: the message names the bucket, the key and the reason,
 * never a credential. The destination leaves the event in the outbox for a later attempt.
 */
public class S3UploadException extends GrytException {
    private static final long serialVersionUID = 1L;

    public S3UploadException(String message) {
        super(message);
    }

    public S3UploadException(String message, Throwable cause) {
        super(message, cause);
    }
}
