package uk.nhs.stpgov.query.replay;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReadModelStatisticsTest {
    private final List<String> statements = new ArrayList<>();
    private final ReadModelStatistics statistics = new ReadModelStatistics(new JdbcTemplate() {
        @Override
        public void execute(String sql) {
            statements.add(sql);
        }
    }, Runnable::run);

    @Test
    void analysesTheTablesEachTimeTheEventsReadHaveDoubled() {
        List<Integer> analysedAfter = new ArrayList<>();
        int read = 0;
        for (int batch = 0; batch < 100; batch++) {
            statistics.batch(500);
            read += 500;
            if (statements.size() > analysedAfter.size()) {
                analysedAfter.add(read);
            }
        }
        assertThat(analysedAfter).containsExactly(2_000, 4_000, 8_000, 16_000, 32_000);
        assertThat(statements).allSatisfy(sql -> assertThat(sql)
                .isEqualTo("ANALYZE " + String.join(", ", ReadModelStatistics.TABLES)));
    }

    @Test
    void aResetMakesTheFirstAnalysisDueAgainSoon() {
        for (int batch = 0; batch < 20; batch++) {
            statistics.batch(500);
        }
        assertThat(statements).hasSize(3);
        statistics.reset();
        for (int batch = 0; batch < 4; batch++) {
            statistics.batch(500);
        }
        assertThat(statements).as("due again after 2,000 events, not after 16,000").hasSize(4);
    }
}
