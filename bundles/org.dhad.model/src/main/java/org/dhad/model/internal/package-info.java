/**
 * Dynamic-EMF implementation of the experiment model: the schema handles resolved once from the
 * ecore, the document facade, XMI reading and atomic writing, validation and the shipped presets.
 * Not exported.
 */
package org.dhad.model.internal;
