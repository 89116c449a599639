/**
 * The formats gryt records and other tools read: SemVer version order ({@link io.gryt.core.format.Versions}),
 * the messages of gryt's annotated tags ({@link io.gryt.core.format.TagMessages}) and the JSON of a promotion's gate
 * report ({@link io.gryt.core.format.PromotionReports}). Public API.
 */
package io.gryt.core.format;
