package uk.nhs.stpgov.deploy.command;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import uk.nhs.stpgov.command.registry.GovernanceRegistry;
import uk.nhs.stpgov.deploy.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry keeps partnerships and forums it has seen committed (neither is ever removed), and never one seen
 * only inside a transaction that rolled back.
 */
@IntegrationTest
class RegistryKnownRecordsIntegrationTest {
    @Autowired
    GovernanceRegistry registry;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void aPartnershipSeenInARolledBackTransactionIsNotKept() {
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("INSERT INTO cmd_partnership (partnership_id) VALUES ('never-registered')").update();
            assertThat(registry.partnershipExists("never-registered")).as("its own transaction sees it").isTrue();
            tx.setRollbackOnly();
        });
        assertThat(registry.partnershipExists("never-registered")).isFalse();
    }

    @Test
    void aCommittedPartnershipAndForumAreAnsweredFromMemoryAfterwards() {
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("INSERT INTO cmd_partnership (partnership_id) VALUES ('kept-partnership')").update();
            jdbc.sql("INSERT INTO cmd_forum (partnership_id, forum_id) VALUES ('kept-partnership', 'kept-forum')")
                    .update();
            assertThat(registry.partnershipExists("kept-partnership")).isTrue();
            assertThat(registry.forumExists("kept-partnership", "kept-forum")).isTrue();
        });
        // Records are never removed by the product; removing them here shows the answers now come from memory.
        jdbc.sql("DELETE FROM cmd_forum WHERE forum_id = 'kept-forum'").update();
        jdbc.sql("DELETE FROM cmd_partnership WHERE partnership_id = 'kept-partnership'").update();
        assertThat(registry.partnershipExists("kept-partnership")).isTrue();
        assertThat(registry.forumExists("kept-partnership", "kept-forum")).isTrue();
        assertThat(registry.forumExists("kept-partnership", "another-forum")).as("unknown ones are looked up").isFalse();
    }
}
