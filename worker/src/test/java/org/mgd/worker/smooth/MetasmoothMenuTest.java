package org.mgd.worker.smooth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mgd.common.MgdException;
import org.mgd.common.spec.JobSpec;
import org.mgd.common.spec.ModelSpec;
import org.mgd.common.spec.OptimizerSpec;
import org.mgd.worker.testing.Specs;

/** The recipe search's menu: defaults made concrete for a spec, user menus, and their errors. */
class MetasmoothMenuTest {
    private static String text() throws Exception {
        return Files.readString(Specs.root().resolve("deploy/examples/digits-mlp.yaml"));
    }

    private static Map<String, JobSpec> byName(Menu.Resolved r) {
        return r.variants().stream().collect(Collectors.toMap(Menu.Variant::name, Menu.Variant::spec));
    }

    @Test
    void theDefaultMenuForTheDigitsMlp() throws Exception {
        JobSpec base = Specs.example("digits-mlp.yaml");
        Menu.Resolved r = Menu.defaults(base, 1200).resolve(text(), "digits-mlp.yaml", List.of());
        assertEquals(List.of("baseline", "bn-before", "output-scale-0.1", "width-2x", "batch-2x", "adam",
                "adam-eps-root", "lr-0.5x", "lr-2x"), r.variants().stream().map(Menu.Variant::name).toList());
        Map<String, String> skipped = r.skipped().stream()
                .collect(Collectors.toMap(Menu.Skipped::name, Menu.Skipped::reason));
        assertTrue(skipped.get("avg-pool").contains("only applies to model.type: cnn"), skipped.toString());
        assertTrue(skipped.get("max-pool").contains("cnn"), skipped.toString());
        assertEquals("the same setup as 'baseline'", skipped.get("output-scale-1"));
        Map<String, JobSpec> v = byName(r);
        assertEquals(base, v.get("baseline"));
        assertEquals(ModelSpec.BatchNorm.BEFORE, v.get("bn-before").model().batchnorm());
        assertEquals(0.1, v.get("output-scale-0.1").model().outputScale(), 0.0);
        assertEquals(2.0, v.get("width-2x").model().width(), 0.0);
        assertEquals(128, v.get("batch-2x").training().batchSize());
        assertEquals(0.05, v.get("lr-0.5x").training().optimizer().lr(), 0.0);
        assertEquals(0.2, v.get("lr-2x").training().optimizer().lr(), 0.0);
        // lr-2x keeps the rest of the optimizer (momentum 0.9).
        assertEquals(0.9, ((OptimizerSpec.Sgd) v.get("lr-2x").training().optimizer()).momentum(), 0.0);
        OptimizerSpec.Adam adam = (OptimizerSpec.Adam) v.get("adam").training().optimizer();
        OptimizerSpec.Adam adamRoot = (OptimizerSpec.Adam) v.get("adam-eps-root").training().optimizer();
        assertEquals(0.0, adam.epsRoot(), 0.0);
        assertEquals(1e-8, adamRoot.epsRoot(), 0.0);
        assertEquals(Menu.ADAM_LR_FROM_SGD, adam.lr(), 0.0);
    }

    @Test
    void theDefaultMenuForACnnTriesPoolingAndSkipsWhatCannotApply() throws Exception {
        JobSpec base = Specs.example("digits-mlp.yaml", "model.type=cnn", "model.pool=max", "model.hidden=[]",
                "training.optimizer={type: adam, lr: 0.003, eps_root: 1e-9}", "training.batch_size=700");
        List<String> sets = List.of("model.type=cnn", "model.pool=max", "model.hidden=[]",
                "training.optimizer={type: adam, lr: 0.003, eps_root: 1e-9}", "training.batch_size=700");
        Menu menu = Menu.defaults(base, 1200);
        Menu.Resolved r = menu.resolve(text(), "digits-mlp.yaml", sets);
        Map<String, JobSpec> v = byName(r);
        assertEquals(ModelSpec.Pooling.AVG, v.get("avg-pool").model().pool());
        assertTrue(r.skipped().stream().anyMatch(s -> s.name().equals("max-pool")), "max-pool is the baseline");
        assertTrue(r.skipped().stream().anyMatch(s -> s.name().equals("batch-2x") && s.reason().contains("1400")));
        assertTrue(v.containsKey("bn-before"), "a CNN has conv layers to normalise");
        OptimizerSpec.Adam adam = (OptimizerSpec.Adam) v.get("adam").training().optimizer();
        assertEquals(0.003, adam.lr(), 0.0);
        assertEquals(0.0, adam.epsRoot(), 0.0);
        assertEquals(1e-8, ((OptimizerSpec.Adam) v.get("adam-eps-root").training().optimizer()).epsRoot(), 0.0);
        assertEquals(0.0015, v.get("lr-0.5x").training().optimizer().lr(), 0.0);
    }

    @Test
    void aModelWithoutHiddenLayersSkipsBatchNormAndWidth() {
        JobSpec base = Specs.example("digits-mlp.yaml", "model.hidden=[]");
        List<String> skipped = Menu.defaults(base, 1200).skipped().stream().map(Menu.Skipped::name).toList();
        assertTrue(skipped.containsAll(List.of("bn-before", "width-2x")), skipped.toString());
    }

    @Test
    void invalidEntriesAreNamedBeforeAnythingTrains() throws Exception {
        Menu menu = Menu.of(List.of(
                new Menu.Entry("typo", List.of("model.widht=2")),
                new Menu.Entry("swish", List.of("model.activation=swish")),
                new Menu.Entry("mlp-pool", List.of("model.pool=max")),
                new Menu.Entry("fine", List.of("model.width=3"))));
        MgdException e = assertThrows(MgdException.class, () -> menu.resolve(text(), "digits-mlp.yaml", List.of()));
        String m = e.getMessage();
        assertTrue(m.startsWith("3 invalid menu entries (nothing was trained)"), m);
        assertTrue(m.contains("menu entry 'typo' [model.widht=2]: model.widht: unknown key (did you mean 'width'?)"), m);
        assertTrue(m.contains("menu entry 'swish'") && m.contains("'swish' is not one of"), m);
        assertTrue(m.contains("menu entry 'mlp-pool'") && m.contains("only applies to model.type: cnn"), m);
        assertTrue(!m.contains("'fine'"), m);
    }

    @Test
    void malformedEntriesAreRejectedWhenTheMenuIsMade() {
        MgdException notAssignment = assertThrows(MgdException.class,
                () -> Menu.of(List.of(new Menu.Entry("x", List.of("model.width")))));
        assertTrue(notAssignment.getMessage().contains("entry 'x': 'model.width' is not key.path=value"),
                notAssignment.getMessage());
        MgdException badName = assertThrows(MgdException.class,
                () -> Menu.of(List.of(new Menu.Entry("two words", List.of()))));
        assertTrue(badName.getMessage().contains("entry 'two words': names are"), badName.getMessage());
        MgdException twice = assertThrows(MgdException.class,
                () -> Menu.of(List.of(new Menu.Entry("a", List.of()), new Menu.Entry("a", List.of()))));
        assertTrue(twice.getMessage().contains("entry 'a' appears twice"), twice.getMessage());
    }

    @Test
    void aUserMenuIsAYamlMappingOfNamesToOverrides() throws Exception {
        Menu menu = Menu.parse("""
                wide-bn: [model.width=2, model.batchnorm=before]
                softplus:
                  - model.activation=softplus
                """, "menu.yaml");
        assertEquals(List.of("baseline", "wide-bn", "softplus"), menu.entries().stream().map(Menu.Entry::name).toList());
        Menu.Resolved r = menu.resolve(text(), "digits-mlp.yaml", List.of("training.steps=10"));
        JobSpec wide = byName(r).get("wide-bn");
        assertEquals(2.0, wide.model().width(), 0.0);
        assertEquals(10, wide.training().steps(), "the user's --set overrides apply to every entry");

        MgdException notList = assertThrows(MgdException.class, () -> Menu.parse("a: model.width=2", "menu.yaml"));
        assertTrue(notList.getMessage().contains("menu.yaml: invalid menu:\n  entry 'a': expected a list"),
                notList.getMessage());
        MgdException notText = assertThrows(MgdException.class, () -> Menu.parse("a: [{model.width: 2}]", "m.yaml"));
        assertTrue(notText.getMessage().contains("is not a 'key.path=value' string"), notText.getMessage());
        MgdException empty = assertThrows(MgdException.class, () -> Menu.parse("[1, 2]", "m.yaml"));
        assertTrue(empty.getMessage().contains("m.yaml: a menu is a mapping"), empty.getMessage());
        MgdException dup = assertThrows(MgdException.class, () -> Menu.parse("a: []\na: []\n", "m.yaml"));
        assertTrue(dup.getMessage().contains("m.yaml: not valid YAML"), dup.getMessage());
    }

    @Test
    void numbersAreWrittenSoYamlReadsThemBackAsNumbers() {
        assertEquals("0.00000001", Menu.number(1e-8));
        assertEquals("2.0", Menu.number(2));
        assertEquals("0.05", Menu.number(0.05));
        assertEquals("100000000000000000000.0", Menu.number(1e20));
    }
}
