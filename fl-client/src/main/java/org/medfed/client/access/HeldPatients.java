package org.medfed.client.access;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.medfed.client.access.PatientTable.Observation;
import org.medfed.client.access.PatientTable.Patient;
import org.medfed.common.access.RecordScope;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.Hashing;

/**
 * A data holder's patients by their ledger reference, and what each record scope releases of them: {@code summary}
 * the id, name and age; {@code vitals} every observation's time and readings; {@code notes} every note with its
 * time. Nothing else leaves the holder.
 */
public final class HeldPatients {

    private final Map<String, Patient> byRef;

    private HeldPatients(Map<String, Patient> byRef) {
        this.byRef = Collections.unmodifiableMap(byRef);
    }

    public static HeldPatients of(PatientTable table, PatientRefs refs) {
        Map<String, Patient> byRef = new TreeMap<>();
        for (Patient patient : table.patients().values()) {
            byRef.put(refs.of(patient.id()), patient);
        }
        return new HeldPatients(byRef);
    }

    public Optional<Patient> find(String patientRef) {
        return Optional.ofNullable(byRef.get(patientRef));
    }

    public int size() {
        return byRef.size();
    }

    /** The scope's part of a patient's record, as canonical JSON values. */
    public static Map<String, Object> records(Patient patient, RecordScope scope) {
        Map<String, Object> records = new LinkedHashMap<>();
        switch (scope) {
            case SUMMARY -> {
                records.put("patientId", patient.id());
                records.put("name", patient.name());
                records.put("age", (long) patient.age());
            }
            case VITALS -> {
                List<Object> observations = new ArrayList<>();
                for (Observation o : patient.observations()) {
                    Map<String, Object> row = new LinkedHashMap<>(o.vitals());
                    row.put("observedAt", o.observedAt().toString());
                    observations.add(row);
                }
                records.put("observations", observations);
            }
            case NOTES -> {
                List<Object> notes = new ArrayList<>();
                for (Observation o : patient.observations()) {
                    notes.add(Map.of("observedAt", o.observedAt().toString(), "note", o.note()));
                }
                records.put("notes", notes);
            }
        }
        return records;
    }

    /** The SHA-256 of the records' canonical JSON: what the release on the ledger names. */
    public static String sha256(Map<String, Object> records) {
        return Hashing.sha256Hex(CanonicalJson.encodeUtf8(records));
    }
}
