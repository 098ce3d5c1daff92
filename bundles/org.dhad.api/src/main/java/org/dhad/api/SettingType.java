package org.dhad.api;

/** The value type of a {@link SettingDescriptor}; decides parsing, validation and the editor widget. */
public enum SettingType {
    INTEGER, DECIMAL, BOOLEAN, TEXT, PATH, CHOICE
}
