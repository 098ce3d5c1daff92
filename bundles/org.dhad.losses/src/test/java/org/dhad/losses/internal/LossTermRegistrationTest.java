package org.dhad.losses.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Collection;
import java.util.stream.Stream;

import org.dhad.api.Provider;
import org.dhad.api.loss.LossTerm;
import org.dhad.losses.LossTermIds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.osgi.framework.ServiceReference;

/** Each of the five ids is registered once as a LossTerm service by this bundle, with matching metadata. */
class LossTermRegistrationTest {

    private static LossTermServices services;

    @BeforeAll
    static void start() throws InterruptedException {
        services = new LossTermServices();
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    // dynamic tests, not @ParameterizedTest: junit-jupiter-params is not in the plugin-test runtime
    @TestFactory
    Stream<DynamicTest> registeredOnceWithItsId() {
        return Stream.of(LossTermIds.INLIER_POSTERIOR, LossTermIds.OUTLIER_POSTERIOR, LossTermIds.OUTLIER_ENERGY,
                LossTermIds.ENERGY_MARGIN, LossTermIds.DENSEHYBRID_BCE, LossTermIds.SEGMENTATION_CE)
                .map(id -> DynamicTest.dynamicTest(id, () -> checkRegistration(id)));
    }

    private static void checkRegistration(String id) throws Exception {
        LossTerm term = services.term(id);
        Collection<ServiceReference<LossTerm>> references = services.context().getServiceReferences(LossTerm.class,
                "(" + Provider.ID_PROPERTY + "=" + id + ")");
        assertEquals(1, references.size(), "LossTerm services with id=" + id);
        ServiceReference<LossTerm> reference = references.iterator().next();
        assertEquals("org.dhad.losses", reference.getBundle().getSymbolicName(), id + ": registering bundle");
        assertEquals(id, term.id(), "id() agrees with the service property");
        assertFalse(term.displayName().isBlank(), id + ": display name");
        assertFalse(term.description().isBlank(), id + ": description");
        assertEquals(id.equals(LossTermIds.SEGMENTATION_CE), term.needsClassLabels(), id + ": needsClassLabels()");
    }
}
