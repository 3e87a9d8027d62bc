package io.pacesetter.job.report;

/** The parts of a snapshot: a sheet each in the workbook, a heading each in the report. */
public enum Section {
    HEADLINE("Headline measures"),
    CALL_HANDLING("Call handling"),
    ANSWER_BANDS("Answer-time bands"),
    ATTENDANCE("Attendance, urban and rural"),
    BREACH_REASONS("Breach reasons"),
    DATA_QUALITY("Data quality");

    public final String title;

    Section(String title) {
        this.title = title;
    }
}
