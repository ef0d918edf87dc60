/**
 * @file qc_definition_xml.h
 * The elements of a contest-definition file: its namespace and how a parser finds an element
 * of it. Shared by the definition's parser (qc_definition.c) and the parsers of its parts
 * (qc_jury.c: <jury>, <clips>, <stage>), so neither needs the other's header.
 */
#ifndef QC_DEFINITION_XML_H
#define QC_DEFINITION_XML_H

#include <libxml/tree.h>

/** The namespace of every element of a definition file. */
#define QC_DEFINITION_NS "urn:quizcontest:contest:1"

/** Is n the element `name` of the contest-definition namespace? */
int qc_definition_is_el(xmlNodePtr n, const char *name);

/** The first child element `name` (definition namespace) of n, or NULL. */
xmlNodePtr qc_definition_child(xmlNodePtr n, const char *name);

#endif
