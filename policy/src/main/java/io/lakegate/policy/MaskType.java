package io.lakegate.policy;

/**
 * The data mask types of Ranger's {@code hive} service definition; {@code ../shared/POLICY-SEMANTICS.md} fixes what
 * each one shows.
 */
public enum MaskType {
    MASK,
    MASK_SHOW_LAST_4,
    MASK_SHOW_FIRST_4,
    MASK_HASH,
    MASK_NULL,
    MASK_NONE,
    MASK_DATE_SHOW_YEAR,
    CUSTOM
}
