/* Finding the elements of a contest-definition file (qc_definition_xml.h). */
#include <string.h>
#include "qc_definition_xml.h"

int qc_definition_is_el(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->ns &&
           !strcmp((const char *)n->ns->href, QC_DEFINITION_NS) &&
           !strcmp((const char *)n->name, name);
}

xmlNodePtr qc_definition_child(xmlNodePtr n, const char *name)
{
    xmlNodePtr k;
    for (k = n ? n->children : NULL; k; k = k->next) {
        if (qc_definition_is_el(k, name)) {
            return k;
        }
    }
    return NULL;
}
