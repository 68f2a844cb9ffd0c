package org.mgd.common.meta;

/** The kinds of metaparameter a training run can be differentiated with respect to. */
public enum MetaKind {
    /** One weight per training example, multiplying its loss (1 everywhere = plain training). */
    DATA_WEIGHTS,
    /** Learning-rate multipliers at K evenly spaced steps, interpolated per step (K = T: per step). */
    LR_SCHEDULE,
    /** The features of chosen training examples, replacing the originals (poisoning). */
    INPUTS;

    public String key() {
        return name().toLowerCase();
    }

    public static MetaKind fromKey(String key) {
        for (MetaKind k : values()) {
            if (k.key().equals(key)) {
                return k;
            }
        }
        return null;
    }
}
