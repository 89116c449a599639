/**
 * The S3 destination: run artifacts, step logs and release evidence bundles uploaded to any S3-compatible store,
 * each object verified by the store ({@code Content-MD5}) and listed with its SHA-256 in a manifest.
 * {@link io.gryt.s3.S3DestinationProvider} makes {@code type: s3} destinations (found with
 * {@link java.util.ServiceLoader}); {@link io.gryt.s3.S3Bucket} is the uploader, usable alone;
 * {@link io.gryt.s3.ObjectKeys} documents where each object goes. Experimental.
 */
package io.gryt.s3;
