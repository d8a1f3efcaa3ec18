package org.convkit.train;

/**
 * AdamW: Adam with decoupled weight decay (Loshchilov and Hutter 2019) following
 * {@code torch.optim.AdamW}: each step first multiplies the weights by {@code 1 - lr*wd}, then
 * takes the {@link Adam} step on the plain gradient.
 */
public final class AdamW extends Adam {

    /**
     * A new AdamW optimiser with no state.
     *
     * @throws IllegalArgumentException if the settings are not decoupled ({@link AdamSettings#adamW})
     */
    public AdamW(AdamSettings settings) {
        super(settings, true);
    }
}
