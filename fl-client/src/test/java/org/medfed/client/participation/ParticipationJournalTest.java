package org.medfed.client.participation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.participation.JournalEntry.Phase;

class ParticipationJournalTest {
    @TempDir
    Path work;

    private static JournalEntry entry(String task, long round, Phase phase) {
        return new JournalEntry(task, round, "a".repeat(64), phase, null, "why " + round, Fakes.T0);
    }

    @Test
    void keepsTheLatestEntryPerTaskAcrossReopening() throws IOException {
        ParticipationJournal journal = ParticipationJournal.open(work);
        journal.record(entry("t1", 1, Phase.REFUSED));
        journal.record(entry("t1", 2, Phase.MISSED));
        journal.record(entry("t2", 1, Phase.REFUSED));

        ParticipationJournal reopened = ParticipationJournal.open(work);

        assertThat(reopened.latest("t1")).contains(entry("t1", 2, Phase.MISSED));
        assertThat(reopened.all()).extracting(JournalEntry::taskId).containsExactly("t1", "t2");
        assertThat(Files.readAllLines(work.resolve(ParticipationJournal.LOG_FILE)))
                .hasSize(3);
        assertThat(work.resolve(ParticipationJournal.STATE_FILE + ".tmp")).doesNotExist();
    }

    @Test
    void aCrashBetweenTheLogLineAndTheStateFileLeavesTheLoggedEntryTheLatest() throws IOException {
        ParticipationJournal journal = ParticipationJournal.open(work);
        journal.record(entry("t1", 1, Phase.REFUSED));
        Path state = work.resolve(ParticipationJournal.STATE_FILE);
        String before = Files.readString(state);
        journal.record(entry("t1", 2, Phase.MISSED));
        Files.writeString(state, before); // killed after the log line was forced to disk, before the rename

        assertThat(ParticipationJournal.open(work).latest("t1")).contains(entry("t1", 2, Phase.MISSED));
    }

    @Test
    void aLineTornByACrashIsSkippedAndTheStateFileKeepsTheEntryAppendedAfterIt() throws IOException {
        ParticipationJournal journal = ParticipationJournal.open(work);
        journal.record(entry("t1", 1, Phase.REFUSED));
        Files.writeString(work.resolve(ParticipationJournal.LOG_FILE), "{\"taskId\":\"t", StandardOpenOption.APPEND);
        JournalEntry later =
                new JournalEntry("t1", 2, "a".repeat(64), Phase.MISSED, null, "later", Fakes.T0.plusSeconds(9));
        ParticipationJournal.open(work).record(later); // lands on the torn line

        assertThat(ParticipationJournal.open(work).latest("t1")).contains(later);
    }

    @Test
    void aDamagedStateFileIsReportedWithWhatToDo() throws IOException {
        Files.writeString(work.resolve(ParticipationJournal.STATE_FILE), "{\"tasks\":[{\"taskId\":");

        assertThatThrownBy(() -> ParticipationJournal.open(work))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not a valid participation journal")
                .hasMessageContaining(ParticipationJournal.LOG_FILE);
    }

    @Test
    void anUploadedEntryMustCarryItsSubmission() {
        assertThatThrownBy(() -> entry("t", 1, Phase.UPLOADED)).isInstanceOf(IllegalArgumentException.class);
    }
}
